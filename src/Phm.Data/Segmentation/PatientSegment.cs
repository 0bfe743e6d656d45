namespace Phm.Data.Segmentation;

/// <summary>
/// The Bridges to Health segment a living patient is in at the store's reference date, as <see cref="SegmentRules"/> decides it:
/// written with the store and by each ingest for the patients it touches (<see cref="SegmentRules.WriteSegmentsAsync"/>), so that a
/// segmentation is a GROUP BY over one narrow row per patient instead of the rules run for everyone on every request.
/// </summary>
public sealed class PatientSegment
{
    public int PatientId { get; init; }
    public BridgesToHealthSegment Segment { get; init; }
}
