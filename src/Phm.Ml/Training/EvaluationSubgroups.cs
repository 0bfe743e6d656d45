using Phm.Ml.Evaluation;
using Phm.Ml.Features;

namespace Phm.Ml.Training;

/// <summary>
/// The groups a model is evaluated in, read from the feature matrix (as of its index date): national IMD quintile, sex,
/// age band and ethnic group, each patient's label in row order.
/// </summary>
public static class EvaluationSubgroups
{
    /// <summary>Lower bounds of the age bands: 0-17, 18-44, 45-64, 65-74, 75-84, 85+.</summary>
    private static readonly int[] AgeBandStarts = [0, 18, 45, 65, 75, 85];

    public static IReadOnlyList<Subgrouping> Of(FeatureMatrix matrix) =>
    [
        By(matrix, "national IMD quintile", "imd_national_quintile", q => $"{q:0}{(q == 1 ? " (most deprived)" : q == 5 ? " (least deprived)" : "")}"),
        By(matrix, "sex", "sex", CategoryWords(matrix, "sex")),
        By(matrix, "age band", "age", AgeBand),
        By(matrix, "ethnic group", "ethnic_group", CategoryWords(matrix, "ethnic_group")),
    ];

    public static string AgeBand(float age)
    {
        var band = Array.FindLastIndex(AgeBandStarts, start => age >= start);
        return band == AgeBandStarts.Length - 1 ? $"{AgeBandStarts[band]}+" : $"{AgeBandStarts[band]}-{AgeBandStarts[band + 1] - 1}";
    }

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
