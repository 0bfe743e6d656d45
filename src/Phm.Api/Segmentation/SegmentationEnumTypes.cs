using GraphQL.Types;
using Phm.Data.Segmentation;

namespace Phm.Api.Segmentation;

/// <summary>What a segmentation crosses the segments with.</summary>
public enum SegmentationDimension
{
    AgeBand,
    Sex,
    NationalQuintile,
    LocalQuintile,
    Pcn,
    Practice,
}

public sealed class BridgesToHealthSegmentType : EnumerationGraphType<BridgesToHealthSegment>
{
    public BridgesToHealthSegmentType()
    {
        Name = "BridgesToHealthSegment";
        Description = "A Bridges to Health segment (NHS England's adaptation): every living patient is in exactly one, the first whose rule holds in the "
            + "order INCURABLE_CANCER_AND_END_OF_LIFE, FRAILTY_AND_DEMENTIA, DISABILITY, CHRONIC_CONDITIONS_HIGH_COMPLEXITY, CHRONIC_CONDITIONS_LOW_COMPLEXITY, "
            + "MATERNAL_AND_INFANT_HEALTH, ACUTELY_ILL, HEALTHY. The rules and their sources are in the README (Segmentation).";
    }
}

public sealed class SegmentationDimensionType : EnumerationGraphType<SegmentationDimension>
{
    public SegmentationDimensionType()
    {
        Name = "SegmentationDimension";
        Description = "What the segments are crossed with: age band and sex at the reference date, the national or local IMD 2019 quintile of the "
            + "patient's LSOA, the PCN (membership at the reference date) or the practice.";
    }
}
