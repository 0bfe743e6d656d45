using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Phm.Data.Impactability;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Impactability;

/// <summary>
/// Each signal on a small known population, added to a built store at its reference date R = 2021-01-01 (the window is
/// 2020-01-02 to R): who has it, who does not and why, and the words, decided in SQL on every provider.
/// </summary>
public sealed class ImpactabilitySignalsTests
{
    private static readonly DateOnly R = new(2021, 1, 1);

    private const int Ann = 100_001;   // two ACSC admissions (COPD, heart failure) and another admission in the window
    private const int Bob = 100_002;   // an ACSC admission on 2020-01-01, just outside the window
    private const int Cat = 100_003;   // an asthma admission on the window's first day
    private const int Dan = 100_004;   // an ACSC admission, but died before R: no signal holds for the dead
    private const int Eve = 100_005;   // high admission risk, no care plan (as Ann)
    private const int Fay = 100_006;   // very high admission risk, a care plan
    private const int Gil = 100_007;   // moderate admission risk, no care plan
    private const int Hal = 100_008;   // very high admission risk, a care plan only after R
    private const int Ida = 100_009;   // COPD, 2 A&E and 1 emergency admission, no review: frequent urgent care without review
    private const int Jon = 100_010;   // the same, with a COPD annual review in the window
    private const int Kim = 100_011;   // 3 A&E attendances, on no reviewed register (depression)
    private const int Lee = 100_012;   // high mortality risk, not on the end-of-life register
    private const int Max = 100_013;   // very high mortality risk, on the end-of-life register
    private const int Ned = 100_014;   // moderate mortality risk but a 40% probability

    private static readonly int[] Everyone = [Ann, Bob, Cat, Dan, Eve, Fay, Gil, Hal, Ida, Jon, Kim, Lee, Max, Ned];

    [SkippableTheory, ProviderData]
    public async Task EachSignal_HoldsForThePatientsItsRuleNames_AndTheCountAddsThemUp(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        await using var db = await SeededAsync(database);
        var signals = Signals();

        Assert.Equal([Ann, Cat], await HoldingAsync(db, signals, ImpactabilitySignal.AmbulatoryCareSensitiveAdmissions));
        Assert.Equal([Ann, Eve, Hal], await HoldingAsync(db, signals, ImpactabilitySignal.TopRiskWithoutCarePlan));
        Assert.Equal([Ida], await HoldingAsync(db, signals, ImpactabilitySignal.FrequentUrgentCareWithoutReview));
        Assert.Equal([Lee], await HoldingAsync(db, signals, ImpactabilitySignal.LastYearOfLifeWithoutEndOfLifeRegister));

        var count = signals.Count(db, R);
        var counts = await db.Patients.Where(p => Everyone.Contains(p.Id)).Select(count).ToListAsync();
        Assert.Equal(7, counts.Sum());
        var ordered = await db.Patients.Where(p => Everyone.Contains(p.Id)).OrderByDescending(count).ThenBy(p => p.Id).Select(p => p.Id).FirstAsync();
        Assert.Equal(Ann, ordered); // Ann also has top admission risk: two signals
    }

    [SkippableTheory, ProviderData]
    public async Task TheWords_GiveEachSignalThatHolds_WithItsValues(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        await using var db = await SeededAsync(database);

        var explanations = await Signals().ExplainAsync(db, Everyone, R, CancellationToken.None);

        Assert.Equal(Everyone.Order(), explanations.Keys.Order());
        Assert.Equal(
        [
            (Ann, ImpactabilitySignal.AmbulatoryCareSensitiveAdmissions, "2 emergency admissions for ambulatory care sensitive conditions in the last 12 months (COPD, heart failure)"),
            (Ann, ImpactabilitySignal.TopRiskWithoutCarePlan, "top risk tier: a 35% risk of an emergency admission in the next 12 months (emergency-admission-12m tier high, percentile 98.0), and no care plan recorded"),
            (Cat, ImpactabilitySignal.AmbulatoryCareSensitiveAdmissions, "1 emergency admission for an ambulatory care sensitive condition in the last 12 months (asthma)"),
            (Eve, ImpactabilitySignal.TopRiskWithoutCarePlan, "top risk tier: a 30% risk of an emergency admission in the next 12 months (emergency-admission-12m tier high, percentile 97.0), and no care plan recorded"),
            (Hal, ImpactabilitySignal.TopRiskWithoutCarePlan, "top risk tier: a 70% risk of an emergency admission in the next 12 months (emergency-admission-12m tier very high, percentile 99.9), and no care plan recorded"),
            (Ida, ImpactabilitySignal.FrequentUrgentCareWithoutReview, "3 urgent care contacts in the last 12 months (2 A&E attendances, 1 emergency admission), on the COPD register, and no long-term condition review recorded in the last 12 months"),
            (Lee, ImpactabilitySignal.LastYearOfLifeWithoutEndOfLifeRegister, "likely last year of life: a 25% risk of death in the next 12 months (death-12m tier high, percentile 96.0), and not on the end-of-life register"),
        ], explanations.OrderBy(e => e.Key).SelectMany(e => e.Value.Select(x => (e.Key, x.Signal, x.Words))));
    }

    [Fact]
    public async Task TheParameters_ChangeWhoHasASignal()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        await using var db = await SeededAsync(database);

        var wider = Signals(new ImpactabilityOptions { MortalityProbabilityAtLeast = 0.3, AdmissionTierAtLeast = RiskTier.VeryHigh, UrgentCareContactsAtLeast = 4, AcscAdmissionsAtLeast = 2 });

        Assert.Equal([Lee, Ned], await HoldingAsync(db, wider, ImpactabilitySignal.LastYearOfLifeWithoutEndOfLifeRegister));
        Assert.Equal([Hal], await HoldingAsync(db, wider, ImpactabilitySignal.TopRiskWithoutCarePlan));
        Assert.Empty(await HoldingAsync(db, wider, ImpactabilitySignal.FrequentUrgentCareWithoutReview));
        Assert.Equal([Ann], await HoldingAsync(db, wider, ImpactabilitySignal.AmbulatoryCareSensitiveAdmissions));
        Assert.Equal(
            ["Phm:Impactability:WindowMonths must be 1 to 60 months (the generated history holds 60).", "Phm:Impactability:MortalityProbabilityAtLeast must be a probability above 0 and at most 1."],
            new ImpactabilityOptions { WindowMonths = 0, MortalityProbabilityAtLeast = 1.5 }.Problems());
    }

    private static ImpactabilitySignals Signals(ImpactabilityOptions? options = null) => new(Options.Create(options ?? new ImpactabilityOptions()));

    private static Task<List<int>> HoldingAsync(PhmDbContext db, ImpactabilitySignals signals, ImpactabilitySignal signal) =>
        db.Patients.Where(p => Everyone.Contains(p.Id)).Where(signals.Holds(signal, db, R)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();

    /// <summary>A built store (its generated patients have ids below ours and no risk scores) with the known patients added.</summary>
    private static async Task<PhmDbContext> SeededAsync(TestDatabase database)
    {
        var store = database.Store(200, 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        var db = store.CreateContext();
        Assert.Equal(R, await db.Manifest.Select(m => m.ReferenceDate).SingleAsync());

        db.Patients.AddRange(
            Person(Ann, activities: [Admission(new(2020, 6, 1), "J44.1"), Admission(new(2020, 11, 1), "I50.0"), Admission(new(2020, 8, 1), "S72.0")]),
            Person(Bob, activities: [Admission(new(2020, 1, 1), "J44.1"), Admission(new(2020, 3, 1), "R07.4")]),
            Person(Cat, activities: [Admission(new(2020, 1, 2), "J45.9")]),
            Person(Dan, died: new(2020, 12, 1), activities: [Admission(new(2020, 6, 1), "J44.1")]),
            Person(Eve), Person(Fay, flags: [(CareFlagKind.CarePlan, new(2020, 5, 1))]), Person(Gil), Person(Hal, flags: [(CareFlagKind.CarePlan, new(2021, 2, 1))]),
            Person(Ida, copd: true, activities: [Contact(ActivityKind.AeAttendance, new(2020, 2, 1)), Contact(ActivityKind.AeAttendance, new(2020, 4, 1)), Admission(new(2020, 4, 1), "R07.4")]),
            Person(Jon, copd: true, activities: [Contact(ActivityKind.AeAttendance, new(2020, 2, 1)), Contact(ActivityKind.AeAttendance, new(2020, 4, 1)), Admission(new(2020, 4, 1), "R07.4")],
                reviews: [new(2020, 9, 1)]),
            Person(Kim, depression: true, activities: [Contact(ActivityKind.AeAttendance, new(2020, 2, 1)), Contact(ActivityKind.AeAttendance, new(2020, 3, 1)), Contact(ActivityKind.AeAttendance, new(2020, 4, 1))]),
            Person(Lee), Person(Max, flags: [(CareFlagKind.EndOfLifeRegister, new(2020, 10, 1))]), Person(Ned));
        db.ScoredModels.AddRange(Model("emergency-admission-12m"), Model("death-12m"));
        db.RiskScores.AddRange(
            Score("emergency-admission-12m", Hal, 1, 0.70, 99.9, RiskTier.VeryHigh), Score("emergency-admission-12m", Fay, 2, 0.60, 99.8, RiskTier.VeryHigh),
            Score("emergency-admission-12m", Ann, 3, 0.35, 98.0, RiskTier.High), Score("emergency-admission-12m", Eve, 4, 0.30, 97.0, RiskTier.High),
            Score("emergency-admission-12m", Gil, 5, 0.10, 85.0, RiskTier.Moderate),
            Score("death-12m", Max, 1, 0.60, 99.9, RiskTier.VeryHigh), Score("death-12m", Ned, 2, 0.40, 90.0, RiskTier.Moderate), Score("death-12m", Lee, 3, 0.25, 96.0, RiskTier.High));
        await db.SaveChangesAsync();
        // As an ingest does for the patients it adds.
        await RegisterRules.WriteRegistersHeldAsync(db, R, Everyone, CancellationToken.None);
        db.ChangeTracker.Clear();
        return db;
    }

    private static Patient Person(int id, DateOnly? died = null, bool copd = false, bool depression = false, Activity[]? activities = null,
        (CareFlagKind Kind, DateOnly On)[]? flags = null, DateOnly[]? reviews = null) => new()
        {
            Id = id,
            Pseudonym = $"known-{id}",
            PracticeCode = "J82001",
            LsoaCode = "E01017139",
            BirthYear = 1945,
            BirthMonth = 3,
            Sex = Sex.Female,
            EthnicGroup = EthnicGroup.White,
            DateOfDeath = died,
            Conditions =
            [
                .. copd ? [new Condition { Id = id * 10L, Register = ConditionRegister.Copd, SnomedCode = "13645005", OnsetDate = new(2015, 1, 1), CodeList = RegisterCodeList.Version }] : Array.Empty<Condition>(),
                .. depression ? [new Condition { Id = id * 10L + 1, Register = ConditionRegister.Depression, SnomedCode = "35489007", OnsetDate = new(2015, 1, 1), CodeList = RegisterCodeList.Version }] : Array.Empty<Condition>(),
            ],
            Activities = [.. (activities ?? []).Select((a, i) => new Activity { Id = id * 10L + i, Kind = a.Kind, Date = a.Date, LengthOfStayDays = a.LengthOfStayDays, PrimaryDiagnosis = a.PrimaryDiagnosis })],
            CareFlags = [.. (flags ?? []).Select((f, i) => new CareFlag { Id = id * 10L + i, Kind = f.Kind, RecordedOn = f.On })],
            Procedures = [.. (reviews ?? []).Select((day, i) => new Procedure { Id = id * 10L + i, SnomedCode = "394703002", PerformedOn = day })],
        };

    private static Activity Admission(DateOnly date, string diagnosis) => new() { Kind = ActivityKind.EmergencyAdmission, Date = date, LengthOfStayDays = 2, PrimaryDiagnosis = diagnosis };

    private static Activity Contact(ActivityKind kind, DateOnly date) => new() { Kind = kind, Date = date };

    private static ScoredModel Model(string name) => new() { Name = name, Version = "1.0.0", Outcome = name, Learner = "test", FeatureSchemaHash = "test", ScoredOn = R };

    private static RiskScore Score(string model, int patientId, int rank, double probability, double percentile, RiskTier tier) => new()
    {
        Model = model, PatientId = patientId, ModelVersion = "1.0.0", Rank = rank, Probability = probability, Percentile = percentile, Tier = tier, Contributions = "[]",
    };
}
