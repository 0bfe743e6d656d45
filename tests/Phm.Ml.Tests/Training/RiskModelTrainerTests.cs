using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Store;
using Phm.Ml.Evaluation;
using Phm.Ml.Outcomes;
using Phm.Ml.Scoring;
using Phm.Ml.Training;

namespace Phm.Ml.Tests.Training;

/// <summary>Training on a small generated store: fixed seeds and settings, the learner kept by the rule, and a folder that loads.</summary>
public sealed class RiskModelTrainerTests
{
    private static readonly ModelDefinition EmergencyAdmission =
        new("emergency-admission-12m", "1.0.0", GeneratedOutcome.Activity(ActivityKind.EmergencyAdmission), "an emergency admission in the next 12 months");

    [Fact]
    public async Task TrainingTwice_OnTheSameStore_WritesIdenticalMetrics()
    {
        await using var store = await FeatureStore.StartAsync(DatabaseProvider.Sqlite, population: 3_000);
        using var folders = new TemporaryFolder();

        var first = await TrainAndWriteAsync(store, Path.Combine(folders.Path, "first"));
        var second = await TrainAndWriteAsync(store, Path.Combine(folders.Path, "second"));

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, MetricsFile.FileName)), await File.ReadAllTextAsync(Path.Combine(second, MetricsFile.FileName)));
    }

    [Fact]
    public async Task TheWrittenFolder_LoadsAndScores_WithTheMetricsItWasEvaluatedWith()
    {
        await using var store = await FeatureStore.StartAsync(DatabaseProvider.Sqlite, population: 3_000);
        using var folders = new TemporaryFolder();
        var directory = await TrainAndWriteAsync(store, folders.Path);

        var model = await RiskModel.LoadAsync(directory, CancellationToken.None);
        var metrics = MetricsFile.Read(Path.Combine(directory, MetricsFile.FileName));
        var evaluation = await LabelledMatrix.ReadAsync(store.Store.CreateContext, EmergencyAdmission.Outcome, metrics.EvaluatedOn, CancellationToken.None);

        Assert.Equal((EmergencyAdmission.Name, metrics.Learner, metrics.Report.Auroc.Value), (model.Info.Name, model.Info.Learner, model.Info.Auroc));
        Assert.Equal(metrics.Report.Auroc.Value, BinaryMetrics.Auroc(model.Probabilities(evaluation.Matrix), evaluation.Outcomes));
        Assert.Equal(["national IMD quintile", "sex", "age band", "ethnic group"], metrics.Report.Subgroups.Select(s => s.Name));
        Assert.Contains(metrics.Comparison.Candidates, c => c.Name == ModelFolder.Oracle);
        Assert.Contains(metrics.Learner == Candidates.GradientBoosting ? "beats both baselines" : "does not beat both baselines", metrics.LearnerReason);
    }

    private static async Task<string> TrainAndWriteAsync(FeatureStore store, string modelsDirectory)
    {
        var manifest = await store.Store.EnsureReadyAsync(CancellationToken.None);
        var run = await new RiskModelTrainer(store.Store.CreateContext).TrainAsync(EmergencyAdmission, manifest.ReferenceDate, null, CancellationToken.None);
        return (await ModelFolder.WriteAsync(run, manifest, modelsDirectory, TimeProvider.System, CancellationToken.None)).Directory;
    }
}
