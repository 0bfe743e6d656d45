using Microsoft.EntityFrameworkCore;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Tests.Support;

/// <summary>A test model's row and scores, and their write through <see cref="ScoredModelWriter"/>.</summary>
public static class TestScores
{
    /// <summary>The store's patients' ids, in id order: those a test scores.</summary>
    public static async Task<List<int>> PatientIdsAsync(PhmStore store)
    {
        await using var db = store.CreateContext();
        return await db.Patients.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    /// <summary>Writes <paramref name="model"/> and its <paramref name="scores"/> in place of any it had.</summary>
    public static async Task WriteAsync(PhmStore store, ScoredModel model, IEnumerable<RiskScore> scores)
    {
        await using var db = store.CreateContext();
        await new ScoredModelWriter(db).ReplaceAsync(model, scores, CancellationToken.None);
    }

    /// <summary>A model's row with every field set, named <paramref name="name"/>, scoring <paramref name="patients"/> patients.</summary>
    public static ScoredModel ModelOf(string version, int patients, string name = "test-admission-12m") => new()
    {
        Name = name, Version = version, Outcome = "an emergency admission in the 12 months after the index date", Learner = "LightGbm",
        FeatureSchemaHash = "0123456789abcdef", TrainedAtUtc = new DateTimeOffset(2025, 11, 30, 12, 0, 0, 123, TimeSpan.Zero),
        TrainedOn = new(2018, 1, 1), EvaluatedOn = new(2019, 1, 1), ScoredOn = new(2021, 1, 1), ScoredAtUtc = new DateTimeOffset(2025, 12, 2, 1, 2, 3, 456, TimeSpan.Zero),
        PatientsScored = patients, Auroc = 0.8123, AurocLower = 0.8, AurocUpper = 0.82, Auprc = 0.21, Brier = 0.051, CalibrationSlope = 1.02, CalibrationIntercept = -0.013,
        OracleAuroc = name.Contains("mortality", StringComparison.Ordinal) ? null : 0.84, OracleBrier = 0.049,
    };

    /// <summary>A score per patient, ranked in the order given, with every field set to something a provider could get wrong.</summary>
    public static List<RiskScore> ScoresOf(ScoredModel model, List<int> ids) =>
    [
        .. ids.Select((id, i) => new RiskScore
        {
            Model = model.Name, PatientId = id, ModelVersion = model.Version, Probability = 1.0 / (i + 3), Rank = i + 1,
            Percentile = 100.0 * (ids.Count - i) / ids.Count, Tier = (RiskTier)(1 + i * 4 / ids.Count),
            Contributions = $$"""[{"feature":"age","words":"aged {{i}} – A&E","contribution":0.{{i:D4}}}]""",
        }),
    ];
}
