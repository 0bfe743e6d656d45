using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>How a risk score reads in an explanation: "a 12% risk of death in the next 12 months (death-12m tier high, percentile 97.5)".</summary>
internal static class RiskWords
{
    public static Task<List<RiskScoreWords>> ScoresAsync(PhmDbContext db, string model, IReadOnlyList<int> patientIds, CancellationToken cancellationToken) =>
        db.RiskScores.AsNoTracking()
            .Where(s => s.Model == model && patientIds.Contains(s.PatientId))
            .Select(s => new RiskScoreWords(s.PatientId, s.Probability, s.Percentile, s.Tier))
            .ToListAsync(cancellationToken);

    public static string Of(RiskTier tier) => tier switch
    {
        RiskTier.VeryHigh => "very high",
        RiskTier.High => "high",
        RiskTier.Moderate => "moderate",
        RiskTier.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Not a risk tier."),
    };

    public static string Describe(RiskScoreWords score, string model, string outcome)
    {
        var percent = score.Probability.ToString("0%", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{ArticleBefore(percent)} {percent} risk of {outcome} in the next 12 months ({model} tier {Of(score.Tier)}, percentile {score.Percentile:0.0})");
    }

    /// <summary>"an" before a number said with a vowel first (8, 11, 18, 80 to 89: "an 8% risk", "an 11% risk"), "a" before any other.</summary>
    public static string ArticleBefore(string percent) => percent.StartsWith('8') || percent is "11%" or "18%" ? "an" : "a";
}

internal sealed record RiskScoreWords(int PatientId, double Probability, double Percentile, RiskTier Tier);
