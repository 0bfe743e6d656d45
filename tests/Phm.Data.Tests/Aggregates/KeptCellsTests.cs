using Microsoft.EntityFrameworkCore;
using Phm.Data.Governance;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Tests.Aggregates;

/// <summary>
/// The cells kept with the store (living patients by practice and LSOA; each model's scores by practice, LSOA and tier) are at
/// every moment what counting the patients and scores gives: after the build, a model's scores written and removed, an ingest that
/// adds, moves and records the death of a patient, new patients added over several batches, and on first reuse of a store built before they were kept; and a context scoped
/// to a PCN reads only its practices' cells. On every provider.
/// </summary>
public sealed class KeptCellsTests
{
    private const string Bitterne = "U97340";

    [SkippableTheory, ProviderData]
    public async Task AfterTheBuild_ThePopulationCellsAreTheLivingPatientsCounted_AndThereAreNoScoreCells(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 1_500, seed: 3);
        await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();

        var counted = await CountedAsync(db);

        Assert.True(counted.Population.Count > 20, "the generated population spans many practice and LSOA cells");
        Assert.Equal(counted.Population, await PopulationCellsAsync(db));
        Assert.Empty(await db.RiskScoreCells.ToListAsync());
    }

    [SkippableTheory, ProviderData]
    public async Task AModelsScoresWrittenOrRemoved_AreItsCellsCountedAgain_AndOtherModelsKeepTheirs(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 400, seed: 5);
        await store.EnsureReadyAsync(CancellationToken.None);
        var ids = await TestScores.PatientIdsAsync(store);
        await WriteScoresAsync(store, "test-admission-12m", "1.0.0", ids);
        await WriteScoresAsync(store, "test-mortality-12m", "1.0.0", ids);
        await using (var db = store.CreateContext())
            await AssertKeptAsync(db);

        await WriteScoresAsync(store, "test-admission-12m", "2.0.0", [.. ids.Where(id => id % 3 != 0)]);
        await using (var db = store.CreateContext())
        {
            await AssertKeptAsync(db);
            Assert.Equal(ids.Count(id => id % 3 != 0), await db.RiskScoreCells.Where(c => c.Model == "test-admission-12m").SumAsync(c => c.Patients));
        }

        await using (var db = store.CreateContext())
            await new ScoredModelWriter(db).RemoveAsync("test-mortality-12m", CancellationToken.None);
        await using (var db = store.CreateContext())
        {
            await AssertKeptAsync(db);
            Assert.Equal(["test-admission-12m"], await db.RiskScoreCells.Select(c => c.Model).Distinct().ToListAsync());
        }
    }

    [SkippableTheory, ProviderData]
    public async Task AnIngestAddingMovingAndRecordingADeath_LeavesTheCellsAsCountingGives(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        string[] numbers = [.. TestNhsNumbers.Valid().Take(2)];
        const string patients = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death";
        hub.Write(CsvExtractReader.Patients, patients,
            $"{numbers[0]},1950-03-09,F,A,E01017139,J82001,", $"{numbers[1]},1961-07-01,M,A,E01017139,J82001,");
        await hub.IngestCsvAsync();
        await WriteScoresAsync(hub.Store, "test-admission-12m", "1.0.0", await TestScores.PatientIdsAsync(hub.Store));
        await using (var db = hub.Store.CreateContext())
            await AssertKeptAsync(db);

        // One moves to another practice and LSOA (their score moves with them), the other dies before the reference date.
        hub.Write(CsvExtractReader.Patients, patients,
            $"{numbers[0]},1950-03-09,F,A,E01017140,J82002,", $"{numbers[1]},1961-07-01,M,A,E01017139,J82001,2020-06-01");
        await hub.IngestCsvAsync();

        await using (var db = hub.Store.CreateContext())
        {
            await AssertKeptAsync(db);
            var moved = hub.PseudonymOf(numbers[0]);
            Assert.Equal("J82002", await db.Patients.Where(p => p.Pseudonym == moved).Select(p => p.PracticeCode).SingleAsync());
        }
    }

    [SkippableTheory, ProviderData]
    public async Task NewPatientsIngestedOverSeveralBatches_AndBesideAMove_LeaveTheCellsAsCountingGives(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        string[] numbers = [.. TestNhsNumbers.Valid().Take(7)];
        const string patients = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death";
        // Two a batch: new patients added to cells the generated population has and to one it may not, one of them dead by the reference date.
        hub.Write(CsvExtractReader.Patients, patients,
            $"{numbers[0]},1950-03-09,F,A,E01017139,J82001,", $"{numbers[1]},1961-07-01,M,A,E01017139,J82001,",
            $"{numbers[2]},1972-01-01,F,A,E01032753,J82076,", $"{numbers[3]},1940-05-01,M,A,E01017140,J82002,2020-06-01",
            $"{numbers[4]},1988-11-01,F,A,E01032753,J82001,");
        await hub.IngestCsvAsync(new IngestOptions { BatchSize = 2 });
        await using (var db = hub.Store.CreateContext())
            await AssertKeptAsync(db);

        // One batch: a known patient moves to J82022 (its cells counted again, new patients there included) beside new patients
        // at J82022 and elsewhere.
        hub.Write(CsvExtractReader.Patients, patients,
            $"{numbers[0]},1950-03-09,F,A,E01032753,J82022,", $"{numbers[5]},1999-02-01,M,A,E01032753,J82022,",
            $"{numbers[6]},2001-04-01,F,A,E01017139,J82076,");
        await hub.IngestCsvAsync();

        await using (var db = hub.Store.CreateContext())
            await AssertKeptAsync(db);
    }

    [SkippableTheory, ProviderData]
    public async Task AStoreBuiltBeforeTheCellsWereKept_GetsThemWhenFirstReused(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 300, seed: 5);
        await store.EnsureReadyAsync(CancellationToken.None);
        await WriteScoresAsync(store, "test-admission-12m", "1.0.0", await TestScores.PatientIdsAsync(store));
        await using (var db = store.CreateContext())
        {
            await db.PopulationCells.ExecuteDeleteAsync();
            await db.RiskScoreCells.ExecuteDeleteAsync();
        }

        await database.Store(population: 300, seed: 5).EnsureReadyAsync(CancellationToken.None);

        await using (var db = store.CreateContext())
        {
            await AssertKeptAsync(db);
            Assert.NotEmpty(await db.RiskScoreCells.ToListAsync());
        }
    }

    [SkippableTheory, ProviderData]
    public async Task AContextScopedToAPcn_ReadsOnlyItsPracticesCells_WhetherItListsThemOrLooksThemUp(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 1_000, seed: 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        await WriteScoresAsync(store, "test-admission-12m", "1.0.0", await TestScores.PatientIdsAsync(store));
        await using var db = store.CreateContext();
        var reference = await StoreReference.LoadAsync(db, await StoreReference.ReadStampAsync(db, CancellationToken.None), CancellationToken.None);
        var practices = reference.PracticeCodesOf(Bitterne);

        foreach (var scope in new[] { PatientScope.RegisteredIn(Bitterne), PatientScope.RegisteredIn(Bitterne) with { PracticeCodes = practices } })
        {
            db.PatientScope = scope;
            var counted = await CountedAsync(db);
            var population = await PopulationCellsAsync(db);
            var risk = await RiskCellsAsync(db);

            Assert.NotEmpty(population);
            Assert.All(population, c => Assert.Contains(c.PracticeCode, practices));
            Assert.All(risk, c => Assert.Contains(c.PracticeCode, practices));
            Assert.Equal(counted.Population, population);
            AssertRiskEqual(counted.Risk, risk);
        }
    }

    /// <summary>The kept cells are those the counting queries give, on the context's scope.</summary>
    private static async Task AssertKeptAsync(PhmDbContext db)
    {
        var counted = await CountedAsync(db);
        Assert.Equal(counted.Population, await PopulationCellsAsync(db));
        AssertRiskEqual(counted.Risk, await RiskCellsAsync(db));
    }

    /// <summary>Counts, record-key sums exactly; probability sums to the last few bits, as summed in another order.</summary>
    private static void AssertRiskEqual(List<RiskCell> expected, List<RiskCell> actual)
    {
        Assert.Equal(expected.Select(c => c with { ProbabilitySum = 0 }), actual.Select(c => c with { ProbabilitySum = 0 }));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.ProbabilitySum, pair.Second.ProbabilitySum, 1e-12));
    }

    /// <summary>What the queries the cells stand for count: living patients at the reference date, and scores joined to their patients.</summary>
    private static async Task<(List<PopulationKey> Population, List<RiskCell> Risk)> CountedAsync(PhmDbContext db)
    {
        var date = await db.Manifest.Select(m => m.ReferenceDate).SingleAsync();
        var living = await db.Patients.AliveOn(date).Select(p => new { p.Id, p.PracticeCode, p.LsoaCode }).ToListAsync();
        var scores = await db.RiskScores.Join(db.Patients, s => s.PatientId, p => p.Id, (s, p) => new { p.Id, s.Model, p.PracticeCode, p.LsoaCode, s.Tier, s.Probability })
            .ToListAsync();
        return (
            [.. living.GroupBy(p => (p.PracticeCode, p.LsoaCode)).Select(g => new PopulationKey(g.Key.PracticeCode, g.Key.LsoaCode, g.Count(), g.Sum(p => PatientRecordKey.OfId(p.Id))))
                .OrderBy(c => c.PracticeCode, StringComparer.Ordinal).ThenBy(c => c.LsoaCode, StringComparer.Ordinal)],
            [.. scores.GroupBy(s => (s.Model, s.PracticeCode, s.LsoaCode, s.Tier))
                .Select(g => new RiskCell(g.Key.Model, g.Key.PracticeCode, g.Key.LsoaCode, g.Key.Tier, g.Count(), g.Sum(s => PatientRecordKey.OfId(s.Id)), g.Sum(s => s.Probability)))
                .OrderBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.PracticeCode, StringComparer.Ordinal).ThenBy(c => c.LsoaCode, StringComparer.Ordinal).ThenBy(c => c.Tier)]);
    }

    private static async Task<List<PopulationKey>> PopulationCellsAsync(PhmDbContext db) =>
        [.. (await db.PopulationCells.AsNoTracking().ToListAsync()).Select(c => new PopulationKey(c.PracticeCode, c.LsoaCode, c.Patients, c.RecordKeySum))
            .OrderBy(c => c.PracticeCode, StringComparer.Ordinal).ThenBy(c => c.LsoaCode, StringComparer.Ordinal)];

    private static async Task<List<RiskCell>> RiskCellsAsync(PhmDbContext db) =>
        [.. (await db.RiskScoreCells.AsNoTracking().ToListAsync()).Select(c => new RiskCell(c.Model, c.PracticeCode, c.LsoaCode, c.Tier, c.Patients, c.RecordKeySum, c.ProbabilitySum))
            .OrderBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.PracticeCode, StringComparer.Ordinal).ThenBy(c => c.LsoaCode, StringComparer.Ordinal).ThenBy(c => c.Tier)];

    private sealed record PopulationKey(string PracticeCode, string LsoaCode, int Patients, long RecordKeySum);

    private sealed record RiskCell(string Model, string PracticeCode, string LsoaCode, RiskTier Tier, int Patients, long RecordKeySum, double ProbabilitySum);

    /// <summary>A score for each of <paramref name="ids"/>, ranked in an order unrelated to the ids, so that tiers and probabilities differ from cell to cell.</summary>
    private static Task WriteScoresAsync(PhmStore store, string name, string version, List<int> ids)
    {
        var model = TestScores.ModelOf(version, ids.Count, name);
        var ranked = ids.OrderBy(id => id * 7919 % 1009).ToList();
        return TestScores.WriteAsync(store, model, TestScores.ScoresOf(model, ranked).OrderBy(s => s.PatientId));
    }
}
