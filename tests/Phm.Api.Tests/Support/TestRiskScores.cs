using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Aggregates;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Scoring;

namespace Phm.Api.Tests.Support;

/// <summary>
/// Scores of two risk models for every patient alive at a test store's reference date, as the scorer stores them, so the API
/// tests read risk without training anything. Probabilities are a fixed function of the model and the patient's pseudonym
/// (the same on every database provider); ranks, percentiles and tiers follow the scorer's
/// rule (<see cref="RiskRanking"/>) with the default tier shares.
/// </summary>
public static class TestRiskScores
{
    public const string Admission = "emergency-admission-12m";
    public const string Mortality = "mortality-12m";
    public const string ModelVersion = "1.0.0";

    /// <summary>Marks the rows written here, so a store that has them is not written again.</summary>
    private const string FeatureSchemaHash = "test-scores";

    /// <summary>Replaces every scored model and score in the store with the test models' (unless they are there already).</summary>
    public static void Write(PhmDbContext db)
    {
        if (db.ScoredModels.Count() == 2 && db.ScoredModels.All(m => m.FeatureSchemaHash == FeatureSchemaHash))
            return;
        var referenceDate = db.Manifest.Select(m => m.ReferenceDate).Single();
        var patients = db.Patients.AliveOn(referenceDate)
            .OrderBy(p => p.Id)
            .Select(p => new ScoredPatient(p.Id, p.Pseudonym, p.BirthYear, p.BirthMonth))
            .ToList();

        using var transaction = db.Database.BeginTransaction();
        db.RiskScores.ExecuteDelete();
        db.ScoredModels.ExecuteDelete();
        db.ScoredModels.AddRange(
            Model(Admission, "an emergency admission in the 12 months after the index date", referenceDate, patients.Count, auroc: 0.7712, oracleAuroc: 0.7925),
            Model(Mortality, "death in the 12 months after the index date", referenceDate, patients.Count, auroc: 0.8841, oracleAuroc: 0.9013));
        db.RiskScores.AddRange(Scores(Admission, patients, referenceDate, floor: 0.02, scale: 0.6, power: 4));
        db.RiskScores.AddRange(Scores(Mortality, patients, referenceDate, floor: 0.002, scale: 0.4, power: 8));
        db.SaveChanges();
        // As the scores' writer does: the models' kept cells counted again in the same transaction.
        KeptCells.RefreshScoresAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        transaction.Commit();
        db.ChangeTracker.Clear();
    }

    private static ScoredModel Model(string name, string outcome, DateOnly referenceDate, int patientsScored, double auroc, double oracleAuroc) => new()
    {
        Name = name,
        Version = ModelVersion,
        Outcome = outcome,
        Learner = "LightGbm",
        FeatureSchemaHash = FeatureSchemaHash,
        TrainedAtUtc = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        TrainedOn = referenceDate.AddYears(-2),
        EvaluatedOn = referenceDate.AddYears(-1),
        ScoredOn = referenceDate,
        ScoredAtUtc = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        PatientsScored = patientsScored,
        Auroc = auroc,
        AurocLower = auroc - 0.012,
        AurocUpper = auroc + 0.011,
        Auprc = 0.2134,
        Brier = 0.0712,
        CalibrationSlope = 0.97,
        CalibrationIntercept = -0.02,
        OracleAuroc = oracleAuroc,
        OracleBrier = 0.0698,
    };

    private static IEnumerable<RiskScore> Scores(string model, IReadOnlyList<ScoredPatient> patients, DateOnly referenceDate, double floor, double scale, int power)
    {
        var scored = patients
            .Select(p => (Patient: p, Hash: SHA256.HashData(Encoding.UTF8.GetBytes(model + "/" + p.Pseudonym))))
            .Select(x => (x.Patient, x.Hash, Probability: Math.Round(floor + scale * Math.Pow(BitConverter.ToUInt32(x.Hash) / (double)uint.MaxValue, power), 6)))
            .ToList();
        // The scorer's own rule for ranks, percentiles and tiers, with the default shares.
        var ranked = new RiskRanking(new RiskTierOptions()).Rank([.. scored.Select(x => new PatientProbability(x.Patient.Id, x.Probability))]);
        return scored.Select((x, i) => new RiskScore
        {
            Model = model,
            PatientId = x.Patient.Id,
            ModelVersion = ModelVersion,
            Probability = x.Probability,
            Rank = ranked[i].Rank,
            Percentile = ranked[i].Percentile,
            Tier = ranked[i].Tier,
            Contributions = Contributions(x.Patient, x.Hash, referenceDate),
        });
    }

    private static string Contributions(ScoredPatient patient, byte[] hash, DateOnly referenceDate)
    {
        var admissions = hash[4] % 4;
        var conditions = hash[5] % 6;
        var age = referenceDate.Year - patient.BirthYear - (referenceDate.Month < patient.BirthMonth ? 1 : 0);
        FeatureContribution[] contributions =
        [
            new("emergency_admission_12m", admissions, Math.Round(0.12 * admissions - 0.05, 4)),
            new("register_count", conditions, Math.Round(0.07 * conditions - 0.1, 4)),
            new("age", age, Math.Round((age - 50) / 200.0, 4)),
        ];
        return ContributionsJson.Write([.. contributions.OrderByDescending(c => Math.Abs(c.Contribution))]);
    }

    private sealed record ScoredPatient(int Id, string Pseudonym, int BirthYear, int BirthMonth);

    /// <summary>
    /// The test hub's models: instead of the committed ones, the two test models, whose scores it writes into the store when
    /// the hub first asks once the store is prepared, so the hub's scorer finds them current and leaves them as written. A store
    /// being built is offered no models: the hub scores a new store before publishing it, where this source cannot write.
    /// </summary>
    public sealed class Source(PhmStore store) : IRiskModelSource
    {
        public async Task<IReadOnlyList<IRiskModel>> CurrentModelsAsync(CancellationToken cancellationToken)
        {
            if (store.Prepared is null)
                return [];
            await using (var db = store.CreateContext())
                Write(db);
            return [new Written(Admission), new Written(Mortality)];
        }
    }

    /// <summary>A test model as the source offers it: its scores are already written, so it is never asked to predict.</summary>
    private sealed class Written(string name) : IRiskModel
    {
        public RiskModelInfo Info { get; } = new() { Name = name, Version = ModelVersion, Outcome = "", Learner = "LightGbm", FeatureSchemaHash = FeatureSchemaHash };

        public IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features) =>
            throw new InvalidOperationException($"The test model {name}'s scores are written by {nameof(TestRiskScores)}, not predicted.");
    }
}
