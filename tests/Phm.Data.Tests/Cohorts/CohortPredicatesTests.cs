using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Cohorts;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Practices;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Tests.Cohorts;

/// <summary>
/// Criteria run as one SQL condition select exactly the patients that the criteria, read plainly, describe: each case is
/// checked against an independent evaluation of the same criteria over the patients loaded with all their records, on a
/// generated store with risk scores, on every provider.
/// </summary>
public sealed class CohortPredicatesTests(CohortPredicatesTests.Stores stores) : IClassFixture<CohortPredicatesTests.Stores>
{
    private static readonly DateOnly Day = PopulationSettings.ReferenceDate;
    private const string Model = "test-admission-12m";
    private const string Bitterne = "U97340";
    private const string LivingWell = "U08561";

    public static TheoryData<DatabaseProvider, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            foreach (var name in Criteria.Keys)
                data.Add(provider, name);
        return data;
    }

    /// <summary>Each predicate on its own, at boundaries where they matter, then trees of them.</summary>
    private static readonly Dictionary<string, CohortCriteria> Criteria = new()
    {
        ["age 65 to 74"] = new() { Age = new(65, 74) },
        ["age at least 85"] = new() { Age = new(AtLeast: 85) },
        ["age at most 4"] = new() { Age = new(AtMost: 4) },
        ["female"] = new() { Sex = Sex.Female },
        ["Asian or Black"] = new() { EthnicGroups = [EthnicGroup.Asian, EthnicGroup.Black] },
        ["pcn"] = new() { Pcn = Bitterne },
        ["another pcn"] = new() { Pcn = LivingWell },
        ["not in the pcn"] = CohortCriteria.NotOf(new CohortCriteria { Pcn = Bitterne }),
        ["practice"] = new() { Practice = "J82208" },
        ["national quintile 1 or 2"] = new() { NationalQuintiles = [1, 2] },
        ["local quintile 5"] = new() { LocalQuintiles = [5] },
        ["heart failure register"] = new() { Register = new(ConditionRegister.HeartFailure) },
        ["diabetes diagnosed in the last 24 months"] = new() { Register = new(ConditionRegister.Diabetes, CriteriaWindow.Months(24)) },
        ["hypertension diagnosed 2015 to 2019"] = new() { Register = new(ConditionRegister.Hypertension, new(From: new(2015, 1, 1), To: new(2019, 12, 31))) },
        ["three or more registers"] = new() { RegisterCount = new(AtLeast: 3) },
        ["exactly one register"] = new() { RegisterCount = new(1, 1) },
        ["2+ A&E attendances in 12 months"] = new() { Activity = new(ActivityKind.AeAttendance, CriteriaWindow.Months(12), new(AtLeast: 2)) },
        ["no GP appointment in 6 months"] = new() { Activity = new(ActivityKind.GpAppointment, CriteriaWindow.Months(6), new(AtMost: 0)) },
        ["1 to 3 emergency admissions since 2019"] = new() { Activity = new(ActivityKind.EmergencyAdmission, new(From: new(2019, 1, 1)), new(1, 3)) },
        ["5+ bed days in 12 months"] = new() { BedDays = new(CriteriaWindow.Months(12), new(AtLeast: 5)) },
        ["emergency admission within 180 days"] = new() { DaysSinceLastEmergencyAdmission = new(AtMost: 180) },
        ["last emergency admission 1 to 2 years ago"] = new() { DaysSinceLastEmergencyAdmission = new(365, 730) },
        ["care plan"] = new() { CareFlag = new(CareFlagKind.CarePlan) },
        ["not on the end-of-life register"] = new() { CareFlag = new(CareFlagKind.EndOfLifeRegister, Present: false) },
        ["very high or high risk"] = new() { Risk = new(Model, [RiskTier.VeryHigh, RiskTier.High]) },
        ["risk percentile 80 to 95"] = new() { Risk = new(Model, MinPercentile: 80, MaxPercentile: 95) },
        ["alive"] = new() { Alive = true },
        ["died"] = new() { Alive = false },
        ["HIU with heart failure or COPD in a PCN"] = CohortCriteria.AllOf(
            new CohortCriteria { Pcn = Bitterne },
            new CohortCriteria { Activity = new(ActivityKind.AeAttendance, CriteriaWindow.Months(12), new(AtLeast: 2)) },
            CohortCriteria.AnyOf(new CohortCriteria { Register = new(ConditionRegister.HeartFailure) }, new CohortCriteria { Register = new(ConditionRegister.Copd) })),
        ["over 75 without a care plan, not both deprived and female"] = CohortCriteria.AllOf(
            new CohortCriteria { Age = new(AtLeast: 75) },
            new CohortCriteria { CareFlag = new(CareFlagKind.CarePlan, Present: false) },
            CohortCriteria.NotOf(CohortCriteria.AllOf(new CohortCriteria { NationalQuintiles = [1] }, new CohortCriteria { Sex = Sex.Female }))),
    };

    [SkippableTheory, MemberData(nameof(Cases))]
    public async Task TheMembers_AreThePatientsTheCriteriaDescribe(DatabaseProvider provider, string name)
    {
        var store = await stores.ForAsync(provider);
        var criteria = Criteria[name];
        await using var db = store.Store.CreateContext();

        var inSql = await db.Patients.Meeting(criteria, db, Day).Select(p => p.Id).OrderBy(id => id).ToListAsync();

        var expected = store.Patients.Where(p => store.Holds(criteria, p)).Select(p => p.Id).Order().ToList();
        Assert.Equal(expected, inSql);
    }

    /// <summary>
    /// Criteria read risk scores without their own scope filter (the scoped patient at hand keeps them to the PCN): the members
    /// are still the PCN's patients the criteria describe, whichever records they read.
    /// </summary>
    [SkippableTheory, MemberData(nameof(Cases))]
    public async Task InAContextScopedToAPcn_TheMembers_AreItsPatientsThatTheCriteriaDescribe(DatabaseProvider provider, string name)
    {
        var store = await stores.ForAsync(provider);
        var criteria = Criteria[name];
        await using var db = store.Store.CreateContext();
        db.PatientScope = PatientScope.RegisteredIn(Bitterne);

        var inSql = await db.Patients.Meeting(criteria, db, Day).Select(p => p.Id).OrderBy(id => id).ToListAsync();

        var expected = store.Patients.Where(p => store.PcnOfPractice.GetValueOrDefault(p.PracticeCode) == Bitterne && store.Holds(criteria, p))
            .Select(p => p.Id).Order().ToList();
        Assert.Equal(expected, inSql);
    }

    /// <summary>
    /// In a context scoped to a PCN, a criterion of that PCN is met by every patient the context reads (the scope is the same rule),
    /// so it adds no condition: the practices are restricted once, by the scope, which PostgreSQL estimates; another PCN's criterion
    /// is still a condition (and, with the scope, selects no one: the cases above).
    /// </summary>
    [Fact]
    public async Task InAContextScopedToAPcn_ItsOwnPcnCriterion_AddsNoCondition_AndAnotherPcnsDoes()
    {
        var store = await stores.ForAsync(DatabaseProvider.Sqlite);
        await using var db = store.Store.CreateContext();
        db.PatientScope = PatientScope.RegisteredIn(Bitterne);
        var unconditioned = db.Patients.IgnoreQueryFilters(PhmDbContext.RecordScopesOfScopedPatients).ToQueryString();

        Assert.Equal(unconditioned, db.Patients.Meeting(new CohortCriteria { Pcn = Bitterne }, db, Day).ToQueryString());
        Assert.NotEqual(unconditioned, db.Patients.Meeting(new CohortCriteria { Pcn = LivingWell }, db, Day).ToQueryString());
    }

    [Fact]
    public async Task EveryCase_SelectsSomeButNotAllPatients_SoThatItTestsSomething()
    {
        var store = await stores.ForAsync(DatabaseProvider.Sqlite);

        var trivial = Criteria.Where(c => store.Patients.Count(p => store.Holds(c.Value, p)) is var n && (n == 0 || n == store.Patients.Count)).Select(c => c.Key);

        Assert.Empty(trivial);
    }

    [Fact]
    public void TheLastMonths_EndOnTheReferenceDate_AndStartTheDayAfterTheSameDateThatManyMonthsBefore()
    {
        Assert.Equal((new DateOnly(2020, 1, 2), new DateOnly(2021, 1, 1)), CriteriaWindow.Months(12).On(new(2021, 1, 1)));
        Assert.Equal((new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31)), CriteriaWindow.Months(1).On(new(2020, 3, 31)));
        Assert.Equal(((DateOnly?)null, new DateOnly(2021, 1, 1)), new CriteriaWindow(To: new(2030, 1, 1)).On(new(2021, 1, 1)));
    }

    /// <summary>A generated store per provider, with a risk model's scores, and its patients loaded with every record.</summary>
    public sealed class Stores : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<LoadedStore>>> _stores = new();
        private readonly ConcurrentBag<TestDatabase> _databases = [];

        public Task<LoadedStore> ForAsync(DatabaseProvider provider)
        {
            // Made here, inside the test, so that an unconfigured server skips the test rather than failing the fixture.
            var database = TestDatabase.For(provider);
            var created = false;
            var store = _stores.GetOrAdd(provider, _ => { created = true; return new(() => LoadAsync(database)); }).Value;
            if (created)
                _databases.Add(database);
            return store;
        }

        private static async Task<LoadedStore> LoadAsync(TestDatabase database)
        {
            var store = database.Store(population: 3_000, seed: 12);
            await store.EnsureReadyAsync(CancellationToken.None);
            await using var db = store.CreateContext();
            var ids = await db.Patients.AliveOn(Day).OrderBy(p => p.Pseudonym).Select(p => p.Id).ToListAsync();
            var probabilities = ids.Select((id, i) => new PatientProbability(id, (i * 7919 % 1000) / 1000.0 + i * 1e-9)).ToList();
            var ranked = new RiskRanking(new RiskTierOptions()).Rank(probabilities);
            var model = new ScoredModel
            {
                Name = Model, Version = "1.0.0", Outcome = "test", Learner = "test", FeatureSchemaHash = "test",
                TrainedAtUtc = DateTimeOffset.UnixEpoch, TrainedOn = Day, EvaluatedOn = Day, ScoredOn = Day, ScoredAtUtc = DateTimeOffset.UnixEpoch,
                PatientsScored = ids.Count, Auroc = 0.5, AurocLower = 0.5, AurocUpper = 0.5, Auprc = 0.5, Brier = 0.25, CalibrationSlope = 1, CalibrationIntercept = 0,
            };
            await new ScoredModelWriter(db).ReplaceAsync(model, probabilities.Select((p, i) => new RiskScore
            {
                Model = Model, ModelVersion = "1.0.0", PatientId = p.PatientId, Probability = p.Probability,
                Rank = ranked[i].Rank, Percentile = ranked[i].Percentile, Tier = ranked[i].Tier, Contributions = "[]",
            }), CancellationToken.None);

            var patients = await db.Patients.AsNoTracking().Include(p => p.Conditions).Include(p => p.Activities).Include(p => p.CareFlags).AsSplitQuery().ToListAsync();
            var pcnOfPractice = await db.PcnMemberships.ValidOn(Day).ToDictionaryAsync(m => m.PracticeCode, m => m.PcnCode);
            var lsoas = await db.Lsoas.AsNoTracking().ToDictionaryAsync(l => l.Code);
            var scores = await db.RiskScores.AsNoTracking().ToDictionaryAsync(s => s.PatientId);
            return new LoadedStore(store, patients, pcnOfPractice, lsoas, scores);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var database in _databases)
                await database.DisposeAsync();
        }
    }

    /// <summary>The criteria read plainly, over one patient's records in memory: the reference the SQL is held to.</summary>
    public sealed record LoadedStore(
        PhmStore Store, List<Patient> Patients, Dictionary<string, string> PcnOfPractice,
        Dictionary<string, Geography.Lsoa> Lsoas, Dictionary<int, RiskScore> Scores)
    {
        public bool Holds(CohortCriteria c, Patient p) => c switch
        {
            { All: { } all } => all.All(x => Holds(x, p)),
            { Any: { } any } => any.Any(x => Holds(x, p)),
            { Not: { } not } => !Holds(not, p),
            { Age: { } age } => age.Contains(p.AgeOn(Day)),
            { Sex: { } sex } => p.Sex == sex,
            { EthnicGroups: { } groups } => groups.Contains(p.EthnicGroup),
            { Pcn: { } pcn } => PcnOfPractice.GetValueOrDefault(p.PracticeCode) == pcn,
            { Practice: { } practice } => p.PracticeCode == practice,
            { Lsoa: { } lsoa } => p.LsoaCode == lsoa,
            { NationalQuintiles: { } quintiles } => quintiles.Contains(Lsoas[p.LsoaCode].NationalQuintile),
            { LocalQuintiles: { } quintiles } => Lsoas[p.LsoaCode].LocalQuintile is { } local && quintiles.Contains(local),
            { Register: { } register } => p.IsOnRegister(register.Register, Day)
                && (register.Onset is not { } onset || p.Conditions.Any(d => d.Register == register.Register && d.Kind == ConditionKind.Diagnosis && In(d.OnsetDate, onset))),
            { RegisterCount: { } count } => count.Contains(Enum.GetValues<ConditionRegister>().Count(r => p.IsOnRegister(r, Day))),
            { Activity: { } activity } => activity.Count.Contains(p.Activities.Count(a => a.Kind == activity.Kind && In(a.Date, activity.Window))),
            { BedDays: { } bedDays } => bedDays.Days.Contains(p.Activities
                .Where(a => a.Kind is ActivityKind.EmergencyAdmission or ActivityKind.ElectiveAdmission && In(a.Date, bedDays.Window)).Sum(a => a.LengthOfStayDays ?? 0)),
            { DaysSinceLastEmergencyAdmission: { } days } => p.Activities.Where(a => a.Kind == ActivityKind.EmergencyAdmission && a.Date <= Day)
                .Select(a => (DateOnly?)a.Date).Max() is { } last && days.Contains(Day.DayNumber - last.DayNumber),
            { CareFlag: { } flag } => flag.Present == p.CareFlags.Any(f => f.Kind == flag.Kind && f.RecordedOn <= Day),
            { Risk: { } risk } => Scores.GetValueOrDefault(p.Id) is { } s && s.Model == risk.Model
                && (risk.Tiers is not { } tiers || tiers.Contains(s.Tier))
                && (risk.MinPercentile is not { } min || s.Percentile >= min) && (risk.MaxPercentile is not { } max || s.Percentile <= max),
            { Alive: { } alive } => alive == (p.DateOfDeath is not { } died || died > Day),
            _ => throw new ArgumentException("An empty criteria node.", nameof(c)),
        };

        private static bool In(DateOnly date, CriteriaWindow window) =>
            window.On(Day) is var (from, to) && date <= to && (from is not { } start || date >= start);
    }
}
