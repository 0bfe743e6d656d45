using Microsoft.Extensions.Options;

namespace Phm.Data.Risk;

/// <summary>
/// The capacity-based tiers (<see cref="RiskTier"/>), configured under <c>Phm:Risk:Tiers</c> as cumulative percentages of
/// the scored population, highest risk first: by default the top 0.5% are <see cref="RiskTier.VeryHigh"/>, the rest of the
/// top 5% <see cref="RiskTier.High"/>, the rest of the top 20% <see cref="RiskTier.Moderate"/>, and everyone else
/// <see cref="RiskTier.Low"/>. <see cref="RiskRanking"/> applies them.
/// </summary>
public sealed class RiskTierOptions
{
    public const string SectionName = "Phm:Risk:Tiers";

    /// <summary>Percent of the scored population, from the top, in <see cref="RiskTier.VeryHigh"/>.</summary>
    public decimal VeryHigh { get; set; } = 0.5m;

    /// <summary>Percent from the top down to the end of <see cref="RiskTier.High"/> (<see cref="VeryHigh"/> included).</summary>
    public decimal High { get; set; } = 5m;

    /// <summary>Percent from the top down to the end of <see cref="RiskTier.Moderate"/>; the rest are <see cref="RiskTier.Low"/>.</summary>
    public decimal Moderate { get; set; } = 20m;

    /// <summary>The cumulative share of each tier above <see cref="RiskTier.Low"/> (which takes the rest), highest first, with its key.</summary>
    internal IReadOnlyList<(RiskTier Tier, string Key, decimal Percent)> Cumulative =>
    [
        (RiskTier.VeryHigh, KeyOf(nameof(VeryHigh)), VeryHigh),
        (RiskTier.High, KeyOf(nameof(High)), High),
        (RiskTier.Moderate, KeyOf(nameof(Moderate)), Moderate),
    ];

    /// <summary>What is wrong with the configuration, naming each key: empty when the tiers can be applied.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var tiers = Cumulative;
        foreach (var (_, key, percent) in tiers)
        {
            if (percent is <= 0 or > 100)
                problems.Add($"{key} is {percent}: a tier's share is a percentage of the scored population above 0 and at most 100.");
        }
        for (var i = 1; i < tiers.Count; i++)
        {
            if (tiers[i].Percent <= tiers[i - 1].Percent)
                problems.Add($"{tiers[i].Key} ({tiers[i].Percent}) must be above {tiers[i - 1].Key} ({tiers[i - 1].Percent}): the shares are cumulative, highest risk first.");
        }
        return problems;
    }

    private static string KeyOf(string property) => $"{SectionName}:{property}";

    /// <summary>Refuses a bad configuration when the options are first read (at start: the hub reads them before building the store).</summary>
    internal sealed class Validator : IValidateOptions<RiskTierOptions>
    {
        public ValidateOptionsResult Validate(string? name, RiskTierOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
