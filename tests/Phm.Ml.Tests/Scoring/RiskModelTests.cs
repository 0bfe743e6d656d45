using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

/// <summary>
/// The committed default models (ml-models/, copied beside the tests by the build): each loads once per version, scores
/// a fixture patient reproducibly with its main contributions in words, and a version whose features.json does not fit
/// the code's features is refused, naming the folder and the difference.
/// </summary>
public sealed class RiskModelTests
{
    private static readonly DateOnly Index = new(2021, 1, 1);
    private static readonly RiskModelCatalog Committed = new(ModelsDirectory.Resolve(Path.Combine(AppContext.BaseDirectory, ModelsDirectory.FolderName)));

    [Theory]
    [InlineData("emergency-admission-12m")]
    [InlineData("death-12m")]
    public async Task TheCommittedModel_ScoresAFixturePatient_Reproducibly(string name)
    {
        var model = await RequireAsync(name);

        var prediction = Assert.Single(model.Predict(FixtureMatrix()));

        Snapshot.Match(new
        {
            model.Info.Name, model.Info.Version, model.Info.Learner,
            Probability = Math.Round(prediction.Probability, 6),
            Contributions = prediction.TopContributions.Select(c => new { c.Feature, c.Words, Contribution = Math.Round(c.Contribution, 4) }),
        }, Snapshooter.SnapshotNameExtension.Create(name));
    }

    [Theory]
    [InlineData("emergency-admission-12m")]
    [InlineData("death-12m")]
    public async Task Contributions_AreTheFiveLargest_InWords_LargestFirst(string name)
    {
        var model = await RequireAsync(name);
        var matrix = FixtureMatrix();

        var prediction = Assert.Single(model.Predict(matrix));

        Assert.Equal(RiskModel.TopContributions, prediction.TopContributions.Count);
        Assert.Equal(prediction.TopContributions.OrderByDescending(c => c.Contribution).Select(c => c.Feature), prediction.TopContributions.Select(c => c.Feature));
        Assert.All(prediction.TopContributions, c =>
            Assert.Equal(RiskFeatures.Schema.Features[RiskFeatures.Schema.SlotOf(c.Feature)].InWords(matrix.ValueOf(matrix.Rows[0], c.Feature)), c.Words));
        Assert.Equal(model.Probabilities(matrix)[0], prediction.Probability);
    }

    [Theory]
    [InlineData("emergency-admission-12m")]
    [InlineData("death-12m")]
    public async Task CompiledScores_AreMlNetsOwn_OnAGeneratedPopulation(string name)
    {
        var model = await RequireAsync(name);
        await using var store = await FeatureStore.StartAsync(DatabaseProvider.Sqlite, population: 500);
        var matrix = await store.FeaturesAsync(Index);
        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(Path.Combine(Committed.ModelsDirectory, name, model.Info.Version, RiskModel.ModelFileName), out _);

        var expected = transformer.Transform(ModelInput.ToDataView(ml, matrix)).GetColumn<float>("Probability").ToArray();

        Assert.All(model.Probabilities(matrix).Zip(expected), pair => Assert.Equal(pair.Second, pair.First, 1e-5));
    }

    [Fact]
    public async Task TreeContributions_AreMlNetsFeatureContributionCalculation_OnAGeneratedPopulation()
    {
        const string name = "emergency-admission-12m";
        var model = await RequireAsync(name);
        Assert.Equal("LightGBM", model.Info.Learner);
        await using var store = await FeatureStore.StartAsync(DatabaseProvider.Sqlite, population: 500);
        var matrix = await store.FeaturesAsync(Index);
        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(Path.Combine(Committed.ModelsDirectory, name, model.Info.Version, RiskModel.ModelFileName), out _);
        var trees = (ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>)
            (transformer is IEnumerable<ITransformer> chain ? chain.Last() : transformer);
        var scored = transformer.Transform(ModelInput.ToDataView(ml, matrix));
        var everySlot = matrix.Schema.Count;
        var calculation = ml.Transforms.CalculateFeatureContribution(trees, everySlot, everySlot, normalize: false).Fit(scored);

        var expected = calculation.Transform(scored).GetColumn<VBuffer<float>>("FeatureContributions").Select(v => v.DenseValues().ToArray()).ToList();

        var predictions = model.Predict(matrix);
        Assert.All(predictions.Zip(expected), pair => Assert.All(pair.First.TopContributions, c =>
            Assert.Equal(pair.Second[matrix.Schema.SlotOf(c.Feature)], c.Contribution, 1e-4)));
    }

    [Fact]
    public async Task TheCatalog_LoadsEachVersionOnce()
    {
        var catalog = new RiskModelCatalog(Committed.ModelsDirectory);

        var first = await catalog.CurrentAsync(CancellationToken.None);
        var again = await catalog.CurrentAsync(CancellationToken.None);

        Assert.Equal(["emergency-admission-12m", "death-12m"], first.Select(m => m.Info.Name));
        Assert.All(first.Zip(again), pair => Assert.Same(pair.First, pair.Second));
    }

    public static TheoryData<string, Func<IReadOnlyList<FeatureDefinition>, FeatureSchema>, string> Mismatches => new()
    {
        { "missing feature", features => new(RiskFeatures.Version, [.. features.Where(f => f.Name != "bed_days_12m")]), "feature 'bed_days_12m' (position" },
        { "reordered", features => new(RiskFeatures.Version, [features[1], features[0], .. features.Skip(2)]), "feature 'age' is at position 1 in the code but 2 in the model's features.json (reordered)" },
        { "other version", features => new("0.9.0", features), $"the model's features are version 0.9.0, the code's are version {RiskFeatures.Version}" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task AModelWhoseFeaturesDoNotFit_IsRefused_NamingTheFolderAndTheMismatch(string _, Func<IReadOnlyList<FeatureDefinition>, FeatureSchema> alter, string mismatch)
    {
        using var folder = new TemporaryFolder();
        var committed = await RequireAsync("emergency-admission-12m");
        var version = Path.Combine(folder.Path, committed.Info.Name, committed.Info.Version);
        CopyFolder(Path.Combine(Committed.ModelsDirectory, committed.Info.Name, committed.Info.Version), version);
        await File.WriteAllTextAsync(Path.Combine(version, FeatureSchema.FileName), alter(RiskFeatures.Schema.Features).ToJson());

        var refused = await Assert.ThrowsAsync<RiskModelRefusedException>(() => RiskModel.LoadAsync(version, CancellationToken.None));

        Assert.Contains(version, refused.Message, StringComparison.Ordinal);
        Assert.Contains(mismatch, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelWithoutItsFeaturesFile_IsRefused()
    {
        using var folder = new TemporaryFolder();
        var committed = await RequireAsync("death-12m");
        CopyFolder(Path.Combine(Committed.ModelsDirectory, committed.Info.Name, committed.Info.Version), folder.Path);
        File.Delete(Path.Combine(folder.Path, FeatureSchema.FileName));

        var refused = await Assert.ThrowsAsync<RiskModelRefusedException>(() => RiskModel.LoadAsync(folder.Path, CancellationToken.None));

        Assert.Equal($"Refused the risk model in {folder.Path}: features.json is missing.", refused.Message);
    }

    /// <summary>A woman of 82 in the most deprived quintile, on the heart failure and COPD registers, with recent admissions.</summary>
    private static FeatureMatrix FixtureMatrix()
    {
        var schema = RiskFeatures.Schema;
        var features = new float[schema.Count];
        void Set(string name, float value) => features[schema.SlotOf(name)] = value;
        Set("age", 82);
        Set("sex", (int)Sex.Female);
        Set("ethnic_group", (int)EthnicGroup.White);
        Set("imd_score", 41.5f);
        foreach (var domain in schema.Names.Where(n => n.StartsWith("imd_", StringComparison.Ordinal) && n.EndsWith("_decile", StringComparison.Ordinal)))
            Set(domain, 2);
        Set("imd_national_quintile", 1);
        Set("imd_local_quintile", 1);
        Set(RiskFeatures.RegisterFeature(ConditionRegister.HeartFailure), 1);
        Set(RiskFeatures.RegisterFeature(ConditionRegister.Copd), 1);
        Set("register_count", 2);
        foreach (var (months, admissions, attendances) in new[] { (3, 1, 1), (6, 1, 2), (12, 2, 3), (24, 3, 5) })
        {
            Set(RiskFeatures.ActivityFeature(ActivityKind.EmergencyAdmission, months), admissions);
            Set(RiskFeatures.ActivityFeature(ActivityKind.AeAttendance, months), attendances);
            Set(RiskFeatures.ActivityFeature(ActivityKind.GpAppointment, months), months * 1.5f);
        }
        // Urgent care pooled: the 3 admissions and 5 A&E attendances of 24 months; planned care: the GP appointments.
        Set("urgent_care_contacts_24m", 8);
        Set("planned_care_contacts_24m", 36);
        // Two years of history, so each rate a year is half its 24-month count.
        Set(RiskFeatures.RateFeature(ActivityKind.EmergencyAdmission), 1.5f);
        Set(RiskFeatures.RateFeature(ActivityKind.AeAttendance), 2.5f);
        Set(RiskFeatures.RateFeature(ActivityKind.GpAppointment), 18);
        Set("urgent_care_contacts_per_year", 4);
        Set("planned_care_contacts_per_year", 18);
        // 8 urgent care contacts in two years where about 6 are usual at 82 (the generated city's women of 80-84 make
        // about 3 a year), shrunk towards 1.
        Set("urgent_care_ratio", 1.35f);
        Set("bed_days_12m", 9);
        Set("days_since_emergency_admission", 40);
        Set(RiskFeatures.CareFlagFeature(CareFlagKind.Housebound), 1);
        return new FeatureMatrix(schema, Index, [new FeatureRow(1, features)]);
    }

    private static async Task<RiskModel> RequireAsync(string name) =>
        (RiskModel)(await Committed.FindAsync(name, CancellationToken.None) ?? throw new InvalidOperationException($"No model {name} in {Committed.ModelsDirectory}."));

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
