using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Population;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

/// <summary>
/// Scoring keeps the stored scores current with the hub's models: every patient alive at the reference date, once per
/// model, ranked by risk; nothing redone for a model already scored; a new version replaces the old in one transaction.
/// </summary>
public sealed class RiskScoringTests
{
    private static readonly DateOnly ReferenceDate = PopulationSettings.ReferenceDate;

    [SkippableTheory, ProviderData]
    public async Task FirstScoring_ScoresEveryPatientAliveAtTheReferenceDate_OncePerModel_RankedByRisk(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var died = await store.AddPatientAsync(1930, 1, dateOfDeath: ReferenceDate.AddDays(-1));
        var living = (await store.FeaturesAsync(ReferenceDate)).Rows.Select(r => r.PatientId).Order().ToList();
        var admissions = new AgeRiskModel();
        var mortality = new AgeRiskModel("test-mortality-12m", "0.3.0");

        var result = await ScoringOf(store.Store, admissions, mortality).ScoreAsync(force: false, progress: null, CancellationToken.None);

        Assert.Equal(["test-admission-12m", "test-mortality-12m"], result.Scored.Select(m => m.Name));
        foreach (var model in new[] { admissions, mortality })
        {
            var scores = await ScoresOfAsync(store.Store, model.Info.Name);
            Assert.Equal(living, scores.Select(s => s.PatientId).Order());
            Assert.DoesNotContain(died, scores.Select(s => s.PatientId));
            Assert.Equal(Enumerable.Range(1, living.Count), scores.Select(s => s.Rank));
            Assert.Equal(scores.OrderByDescending(s => s.Probability).ThenBy(s => s.PatientId).Select(s => s.PatientId), scores.Select(s => s.PatientId));
            Assert.All(scores, s => Assert.Equal((model.Info.Version, 5), (s.ModelVersion, ContributionsJson.Read(s.Contributions).Count)));
            Assert.Equal(100, scores[0].Percentile);
        }
        await using var db = store.Store.CreateContext();
        var stored = await db.ScoredModels.AsNoTracking().SingleAsync(m => m.Name == "test-mortality-12m");
        Assert.Equal(("0.3.0", FeatureReader.Schema.Hash, ReferenceDate, living.Count, 0.81, 0.84), (stored.Version, stored.FeatureSchemaHash, stored.ScoredOn, stored.PatientsScored, stored.Auroc, stored.OracleAuroc));
    }

    [SkippableTheory, ProviderData]
    public async Task ASecondScoring_OfTheSameVersions_PredictsAndWritesNothing(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var model = new AgeRiskModel();
        await ScoringOf(store.Store, model).ScoreAsync(force: false, progress: null, CancellationToken.None);
        var before = await ScoredModelAsync(store.Store, model.Info.Name);

        var again = await ScoringOf(store.Store, model).ScoreAsync(force: false, progress: null, CancellationToken.None);

        Assert.Equal((1, 0, "test-admission-12m"), (model.Calls, again.Scored.Count, string.Join(", ", again.Current)));
        Assert.Equal(before.ScoredAtUtc, (await ScoredModelAsync(store.Store, model.Info.Name)).ScoredAtUtc);
        Assert.Empty(await ScoringOf(store.Store, model).FindStaleAsync(CancellationToken.None));
    }

    [SkippableTheory, ProviderData]
    public async Task ScoresStoredWithTheirWords_AnEarlierForm_AreScoredAgain(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var model = new AgeRiskModel();
        await ScoringOf(store.Store, model).ScoreAsync(force: false, progress: null, CancellationToken.None);
        await using (var db = store.Store.CreateContext())
            await db.RiskScores.ExecuteUpdateAsync(s => s.SetProperty(r => r.Contributions, """[{"feature":"age","words":"aged 84","contribution":0.1}]"""));

        var stale = await ScoringOf(store.Store, model).FindStaleAsync(CancellationToken.None);
        var again = await ScoringOf(store.Store, model).ScoreAsync(force: false, progress: null, CancellationToken.None);

        Assert.Equal("test-admission-12m 1.0.0: its scores' contributions are stored in an earlier form, with their words", Assert.Single(stale).Reason);
        Assert.Equal((2, "test-admission-12m"), (model.Calls, string.Join(", ", again.Scored.Select(m => m.Name))));
        Assert.All(await ScoresOfAsync(store.Store, model.Info.Name), s => Assert.True(ContributionsJson.IsCurrentForm(s.Contributions), s.Contributions));
    }

    [SkippableTheory, ProviderData]
    public async Task Force_RescoresAModelWhoseScoresAreCurrent(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var model = new AgeRiskModel();
        await ScoringOf(store.Store, model).ScoreAsync(force: false, progress: null, CancellationToken.None);

        var forced = await ScoringOf(store.Store, model).ScoreAsync(force: true, progress: null, CancellationToken.None);

        Assert.Equal((2, "test-admission-12m"), (model.Calls, string.Join(", ", forced.Scored.Select(m => m.Name))));
    }

    [SkippableTheory, ProviderData]
    public async Task ANewVersion_ReplacesTheOldVersionsScores(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var first = new AgeRiskModel();
        await ScoringOf(store.Store, first).ScoreAsync(force: false, progress: null, CancellationToken.None);
        var second = first.WithVersion("2.0.0");
        second.Predictions = features => [.. AgeRiskModel.ByAge(features).Select(p => p with { Probability = 1 - p.Probability })];
        Assert.Equal(["test-admission-12m 2.0.0: scored with version 1.0.0"], (await ScoringOf(store.Store, second).FindStaleAsync(CancellationToken.None)).Select(s => s.Reason));

        await ScoringOf(store.Store, second).ScoreAsync(force: false, progress: null, CancellationToken.None);

        var expected = second.Predict(await store.FeaturesAsync(ReferenceDate)).ToDictionary(p => p.PatientId, p => p.Probability);
        var scores = await ScoresOfAsync(store.Store, "test-admission-12m");
        Assert.Equal(expected.Count, scores.Count);
        Assert.All(scores, s => Assert.Equal(("2.0.0", expected[s.PatientId]), (s.ModelVersion, s.Probability)));
        Assert.Equal(("2.0.0", expected.Count), ((await ScoredModelAsync(store.Store, "test-admission-12m")).Version, (await ScoredModelAsync(store.Store, "test-admission-12m")).PatientsScored));
    }

    public static TheoryData<DatabaseProvider, string> Faults
    {
        get
        {
            var faults = new TheoryData<DatabaseProvider, string>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                foreach (var fault in new[] { "throws", "out of order", "too few" })
                    faults.Add(provider, fault);
            }
            return faults;
        }
    }

    [SkippableTheory, MemberData(nameof(Faults))]
    public async Task ANewVersionThatFails_LeavesTheOldScoresIntact(DatabaseProvider provider, string fault)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var first = new AgeRiskModel();
        await ScoringOf(store.Store, first).ScoreAsync(force: false, progress: null, CancellationToken.None);
        var before = await ScoresOfAsync(store.Store, "test-admission-12m");
        var failing = first.WithVersion("2.0.0");
        failing.Predictions = fault switch
        {
            "throws" => _ => throw new InvalidOperationException("The model file is damaged."),
            "out of order" => features => [.. AgeRiskModel.ByAge(features).Reverse()],
            _ => features => [.. AgeRiskModel.ByAge(features).Skip(1)],
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ScoringOf(store.Store, failing).ScoreAsync(force: false, progress: null, CancellationToken.None));

        Assert.Contains(fault switch { "throws" => "damaged", "out of order" => "out of the features' order", _ => "predictions for" }, refused.Message);
        Assert.Equivalent(before, await ScoresOfAsync(store.Store, "test-admission-12m"), strict: true);
        Assert.Equal("1.0.0", (await ScoredModelAsync(store.Store, "test-admission-12m")).Version);
    }

    [SkippableTheory, ProviderData]
    public async Task ARebuiltStore_HasNoScoresOfTheOldPopulation_UntilScoredAgain(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var model = new AgeRiskModel();
        await ScoringOf(store.Store, model).ScoreAsync(force: false, progress: null, CancellationToken.None);

        var rebuilt = store.Database.Store(population: 40, seed: 12);
        await rebuilt.EnsureReadyAsync(CancellationToken.None);

        await using (var db = rebuilt.CreateContext())
            Assert.Equal((0, 0), (await db.RiskScores.CountAsync(), await db.ScoredModels.CountAsync()));
        Assert.Equal(["test-admission-12m 1.0.0: not scored"], (await ScoringOf(rebuilt, model).FindStaleAsync(CancellationToken.None)).Select(s => s.Reason));
        await ScoringOf(rebuilt, model).ScoreAsync(force: false, progress: null, CancellationToken.None);
        Assert.Equal((await new FeatureReader(rebuilt.CreateContext).ReadMatrixAsync(ReferenceDate, CancellationToken.None)).Rows.Count, (await ScoresOfAsync(rebuilt, "test-admission-12m")).Count);
    }

    [SkippableTheory, ProviderData]
    public async Task PreparingANewStore_ScoresItOnce_AndARestartReusesStoreAndScores(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var model = new AgeRiskModel();
        var rebuilt = store.Database.Store(population: 40, seed: 12);

        var built = await ScoringOf(rebuilt, model).PrepareStoreAsync(CancellationToken.None);
        var restarted = await ScoringOf(rebuilt, model).PrepareStoreAsync(CancellationToken.None);

        Assert.Equal((1, built.BuiltAtUtc), (model.Calls, restarted.BuiltAtUtc));
        var living = (await new FeatureReader(rebuilt.CreateContext).ReadMatrixAsync(ReferenceDate, CancellationToken.None)).Rows.Count;
        Assert.Equal((living, living), ((await ScoredModelAsync(rebuilt, model.Info.Name)).PatientsScored, (await ScoresOfAsync(rebuilt, model.Info.Name)).Count));
    }

    [SkippableTheory, ProviderData]
    public async Task AModelTheHubNoLongerHas_LosesItsScores(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var kept = new AgeRiskModel();
        var withdrawn = new AgeRiskModel("test-mortality-12m");
        await ScoringOf(store.Store, kept, withdrawn).ScoreAsync(force: false, progress: null, CancellationToken.None);

        var result = await ScoringOf(store.Store, kept).ScoreAsync(force: false, progress: null, CancellationToken.None);

        Assert.Equal(["test-mortality-12m"], result.Retired);
        Assert.Empty(await ScoresOfAsync(store.Store, "test-mortality-12m"));
        Assert.NotEmpty(await ScoresOfAsync(store.Store, "test-admission-12m"));
    }

    [Fact]
    public async Task TwoVersionsOfOneModel_AreRefused_NamingBoth()
    {
        await using var store = await FeatureStore.StartAsync(DatabaseProvider.Sqlite);
        var model = new AgeRiskModel();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ScoringOf(store.Store, model, model.WithVersion("1.1.0")).ScoreAsync(force: false, progress: null, CancellationToken.None));

        Assert.Equal("Model test-admission-12m is offered in more than one version (1.0.0, 1.1.0); the hub scores one version per model.", refused.Message);
    }

    [Fact]
    public async Task Progress_IsReportedStepByStep_ReadingTheFeaturesOnceForAllModels()
    {
        await using var store = await FeatureStore.StartAsync(DatabaseProvider.Sqlite);
        var reports = new List<RiskScoringProgress>();

        await ScoringOf(store.Store, new AgeRiskModel(), new AgeRiskModel("test-mortality-12m")).ScoreAsync(force: false, new Reports(reports), CancellationToken.None);

        Assert.Equal(
            ["0/5 Reading the features", "1/5 Scoring test-admission-12m 1.0.0", "2/5 Writing test-admission-12m 1.0.0",
             "3/5 Scoring test-mortality-12m 1.0.0", "4/5 Writing test-mortality-12m 1.0.0", "5/5 Scored"],
            reports.Select(r => $"{r.StepsDone}/{r.Steps} {r.Step}"));
    }

    [SkippableFact]
    public async Task TheWrittenRows_AreTheSameOnPostgreSQLAsOnSQLite()
    {
        var rows = new List<IReadOnlyList<RiskScore>>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var store = await FeatureStore.StartAsync(provider, population: 300);
            await ScoringOf(store.Store, new AgeRiskModel()).ScoreAsync(force: false, progress: null, CancellationToken.None);
            rows.Add(await ScoresOfAsync(store.Store, "test-admission-12m"));
        }

        Assert.True(rows[0].Count > 200);
        Assert.Equivalent(rows[0], rows[1], strict: true);
    }

    private static RiskScoring ScoringOf(PhmStore store, params IRiskModel[] models) =>
        new(store, new RegisteredRiskModels(models), Options.Create(new RiskTierOptions()), TimeProvider.System, NullLogger<RiskScoring>.Instance);

    private static async Task<List<RiskScore>> ScoresOfAsync(PhmStore store, string model)
    {
        await using var db = store.CreateContext();
        return await db.RiskScores.AsNoTracking().Where(s => s.Model == model).OrderBy(s => s.Rank).ToListAsync();
    }

    private static async Task<ScoredModel> ScoredModelAsync(PhmStore store, string model)
    {
        await using var db = store.CreateContext();
        return await db.ScoredModels.AsNoTracking().SingleAsync(m => m.Name == model);
    }

    private sealed class Reports(List<RiskScoringProgress> reports) : IProgress<RiskScoringProgress>
    {
        public void Report(RiskScoringProgress value) => reports.Add(value);
    }
}
