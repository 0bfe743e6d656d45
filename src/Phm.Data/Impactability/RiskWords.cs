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

    public static string Describe(RiskScoreWords score, string model, string outcome) =>
        string.Create(CultureInfo.InvariantCulture, $"a {score.Probability:0%} risk of {outcome} in the next 12 months ({model} tier {Of(score.Tier)}, percentile {score.Percentile:0.0})");
}

internal sealed record RiskScoreWords(int PatientId, double Probability, double Percentile, RiskTier Tier);
