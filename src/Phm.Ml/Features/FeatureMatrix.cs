namespace Phm.Ml.Features;

/// <summary>
/// One patient's features as of an index date, in <see cref="RiskFeatures.Schema"/> order: the row a learner trains on
/// and a model scores (ML.NET reads <see cref="Features"/> as a float vector column of <see cref="FeatureSchema.Count"/> slots).
/// A population's rows are segments of a few large arrays (<see cref="FeatureRowBlocks"/>), not an array each.
/// </summary>
public sealed record FeatureRow(int PatientId, ArraySegment<float> Features);

/// <summary>Every living patient's features as of one index date, in patient id order.</summary>
public sealed record FeatureMatrix(FeatureSchema Schema, DateOnly IndexDate, IReadOnlyList<FeatureRow> Rows)
{
    /// <summary>A named feature's value in a row (for tests and explanations; learners read the vectors).</summary>
    public float ValueOf(FeatureRow row, string featureName) => row.Features[Schema.SlotOf(featureName)];
}
