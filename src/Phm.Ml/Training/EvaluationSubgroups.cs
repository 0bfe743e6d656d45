using Phm.Data.Patients;
using Phm.Ml.Evaluation;
using Phm.Ml.Features;

namespace Phm.Ml.Training;

/// <summary>
/// The groups a model is evaluated in, read from the feature matrix (as of its index date): national IMD quintile, sex,
/// age band and ethnic group, each patient's label in row order.
/// </summary>
public static class EvaluationSubgroups
{
    public static IReadOnlyList<Subgrouping> Of(FeatureMatrix matrix) =>
    [
        By(matrix, "national IMD quintile", "imd_national_quintile", q => $"{q:0}{(q == 1 ? " (most deprived)" : q == 5 ? " (least deprived)" : "")}"),
        By(matrix, "sex", "sex", CategoryWords(matrix, "sex")),
        By(matrix, "age band", "age", AgeBand),
        By(matrix, "ethnic group", "ethnic_group", CategoryWords(matrix, "ethnic_group")),
    ];

    /// <summary>The age feature (whole years) as its band's label (<see cref="AgeBands"/>: 0-17 … 85+), as cohorts and segmentation band ages.</summary>
    public static string AgeBand(float age) => AgeBands.Of((int)age).Label();

    private static Func<float, string> CategoryWords(FeatureMatrix matrix, string feature)
    {
        var definition = matrix.Schema.Features[matrix.Schema.SlotOf(feature)];
        return value => definition.InWords(value);
    }

    private static Subgrouping By(FeatureMatrix matrix, string name, string feature, Func<float, string> label)
    {
        var slot = matrix.Schema.SlotOf(feature);
        return new Subgrouping(name, [.. matrix.Rows.Select(row => label(row.Features[slot]))]);
    }
}
