using System.Globalization;
using Phm.Data.Store;
using Phm.Ml.Evaluation;
using Phm.Ml.Features;
using Phm.Ml.Outcomes;
using Phm.Ml.Scoring;

namespace Phm.Ml.Training;

/// <summary>What a version folder was written with, and a line for the console.</summary>
public sealed record WrittenModel(string Directory, ModelMetrics Metrics, string Summary);

/// <summary>
/// A model version's folder, <c>ml-models/&lt;name&gt;/&lt;version&gt;/</c>: <c>model.zip</c>, <c>features.json</c>,
/// <c>metrics.json</c>, <c>MODEL_CARD.md</c>, <c>roc.png</c>, <c>calibration.png</c>, <c>training.json</c>. Written into a sibling folder first and moved into place, so a failed run
/// leaves the previous version as it was.
/// </summary>
public static class ModelFolder
{
    public const string Oracle = "Oracle";

    /// <summary>
    /// Keeps the boosted trees only where their AUROC beats both baselines' (the paired bootstrap's 95% interval of the
    /// difference above 0), else the logistic regression; evaluates the kept one out of time and writes the folder.
    /// </summary>
    public static async Task<WrittenModel> WriteAsync(TrainingRun run, StoreManifest store, string modelsDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var settings = EvaluationSettings.Default;
        var evaluation = run.Evaluation;
        var candidates = CandidatesOf(evaluation,
            new Candidate(run.GradientBoosted.Learner, run.GradientBoosted.EvaluationProbabilities),
            new Candidate(run.Logistic.Learner, run.Logistic.EvaluationProbabilities),
            new Candidate(Candidates.PriorAdmissionsRule, run.RuleScores, IsProbability: false));
        var comparison = ModelEvaluation.Compare(evaluation.Outcomes, candidates, run.GradientBoosted.Learner, settings,
            evaluation.TrueProbabilities is null ? null : Oracle);
        var (kept, reason) = Choose(run, comparison);

        var metrics = new ModelMetrics(
            run.Definition.Name, run.Definition.Version, run.Definition.OutcomeWords, run.Definition.OutcomeDefinition,
            kept.Learner, reason, run.Dates.TrainOn, run.Dates.EvaluateOn,
            Summary(run.Training), Summary(evaluation), settings, comparison,
            ModelEvaluation.Evaluate(kept.EvaluationProbabilities, evaluation.Outcomes, EvaluationSubgroups.Of(evaluation.Matrix), settings));
        var record = new TrainingRecord(time.GetUtcNow(), kept.Learner, store.GeneratorVersion, store.Seed, store.Population, store.ReferenceDate,
            Math.Round(run.ReadTime.TotalSeconds, 1),
            new Dictionary<string, double>
            {
                [run.GradientBoosted.Learner] = Math.Round(run.GradientBoosted.FitTime.TotalSeconds, 1),
                [run.Logistic.Learner] = Math.Round(run.Logistic.FitTime.TotalSeconds, 1),
            },
            Math.Round(run.Elapsed.TotalSeconds, 1));

        var directory = Path.Combine(modelsDirectory, run.Definition.RelativeDirectory);
        await ReplaceAsync(directory, async writing =>
        {
            var ml = Candidates.NewContext();
            var inputSchema = ModelInput.ToDataView(ml, new FeatureMatrix(run.Training.Matrix.Schema, run.Dates.TrainOn, [])).Schema;
            ml.Model.Save(kept.Model, inputSchema, Path.Combine(writing, RiskModel.ModelFileName));
            await run.Training.Matrix.Schema.WriteAsync(Path.Combine(writing, FeatureSchema.FileName), cancellationToken);
            await record.WriteAsync(Path.Combine(writing, TrainingRecord.FileName), cancellationToken);
            WriteEvaluation(writing, metrics, candidates, evaluation.Outcomes);
        });
        return new WrittenModel(directory, metrics, SummaryLine(metrics, $"trained in {run.Elapsed.TotalSeconds:F0} s"));
    }

    /// <summary>
    /// Scores the evaluation date again with the committed model and rewrites its evaluation (metrics, plots, card): the
    /// kept learner against the rule and the oracle. The learner and why it was kept stay as training wrote them.
    /// </summary>
    public static async Task<WrittenModel> ReevaluateAsync(ModelDefinition definition, Func<PhmDbContext> createContext, DateOnly referenceDate,
        string modelsDirectory, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(modelsDirectory, definition.RelativeDirectory);
        var model = await RiskModel.LoadAsync(directory, cancellationToken);
        var previous = MetricsFile.Read(Path.Combine(directory, MetricsFile.FileName));
        var dates = TrainingDates.Before(referenceDate);
        progress.Report($"features and outcomes on {dates.EvaluateOn:yyyy-MM-dd}");
        var evaluation = await LabelledMatrix.ReadAsync(createContext, definition.Outcome, dates.EvaluateOn, cancellationToken);
        progress.Report("scoring and evaluating");
        var probabilities = model.Probabilities(evaluation.Matrix);
        var settings = EvaluationSettings.Default;
        var candidates = CandidatesOf(evaluation,
            new Candidate(previous.Learner, probabilities),
            new Candidate(Candidates.PriorAdmissionsRule, Candidates.PriorAdmissionsScores(evaluation.Matrix), IsProbability: false));
        var comparison = ModelEvaluation.Compare(evaluation.Outcomes, candidates, previous.Learner, settings,
            evaluation.TrueProbabilities is null ? null : Oracle);
        var metrics = previous with
        {
            Outcome = definition.OutcomeWords,
            OutcomeDefinition = definition.OutcomeDefinition,
            EvaluatedOn = dates.EvaluateOn,
            Evaluation = Summary(evaluation),
            Settings = settings,
            Comparison = comparison,
            Report = ModelEvaluation.Evaluate(probabilities, evaluation.Outcomes, EvaluationSubgroups.Of(evaluation.Matrix), settings),
        };
        WriteEvaluation(directory, metrics, candidates, evaluation.Outcomes);
        return new WrittenModel(directory, metrics, SummaryLine(metrics, "re-evaluated"));
    }

    private static Candidate[] CandidatesOf(LabelledMatrix evaluation, params Candidate[] candidates) =>
        evaluation.TrueProbabilities is { } truth ? [.. candidates, new Candidate(Oracle, truth)] : candidates;

    private static (FittedCandidate Kept, string Reason) Choose(TrainingRun run, CandidateComparison comparison)
    {
        string Against(string baseline)
        {
            var d = comparison.Differences.Single(x => x.Against == baseline);
            return string.Create(CultureInfo.InvariantCulture, $"{baseline} {d.Difference:+0.0000;-0.0000} (95% CI {d.Lower:+0.0000;-0.0000} to {d.Upper:+0.0000;-0.0000})");
        }

        var boosted = run.GradientBoosted.Learner;
        var differences = $"AUROC differences of {boosted}, paired bootstrap on the evaluation date: against the {Against(run.Logistic.Learner)}, against the {Against(Candidates.PriorAdmissionsRule)}";
        return comparison.FocusBeats(run.Logistic.Learner) && comparison.FocusBeats(Candidates.PriorAdmissionsRule)
            ? (run.GradientBoosted, $"{boosted} kept: it beats both baselines (the 95% interval of each AUROC difference is above 0). {differences}.")
            : (run.Logistic, $"{run.Logistic.Learner} kept: {boosted} does not beat both baselines (a 95% interval of an AUROC difference reaches 0 or below). {differences}.");
    }

    /// <summary><c>metrics.json</c>, the model card rendered from it, every candidate's ROC curve, and the kept model's calibration beside the oracle's.</summary>
    private static void WriteEvaluation(string directory, ModelMetrics metrics, IReadOnlyList<Candidate> candidates, bool[] outcomes)
    {
        MetricsFile.Write(Path.Combine(directory, MetricsFile.FileName), metrics);
        File.WriteAllText(Path.Combine(directory, ModelCard.FileName), ModelCard.Render(metrics));
        EvaluationPlots.WriteRoc(Path.Combine(directory, EvaluationPlots.RocFileName),
            [.. candidates.Select(c => BinaryMetrics.Roc(c.Name, c.Scores, outcomes))], $"{metrics.Model} {metrics.Version}: ROC on {metrics.EvaluatedOn:yyyy-MM-dd}");
        EvaluationPlots.WriteCalibration(Path.Combine(directory, EvaluationPlots.CalibrationFileName),
            [
                new CalibrationSeries(metrics.Learner, metrics.Report.CalibrationTable),
                .. candidates.Where(c => c.Name == Oracle).Select(c => new CalibrationSeries(Oracle, BinaryMetrics.CalibrationTable(c.Scores, outcomes, metrics.Settings.CalibrationBins))),
            ],
            $"{metrics.Model} {metrics.Version}: calibration on {metrics.EvaluatedOn:yyyy-MM-dd}");
    }

    private static async Task ReplaceAsync(string directory, Func<string, Task> write)
    {
        var writing = directory + ".writing";
        if (Directory.Exists(writing))
            Directory.Delete(writing, recursive: true);
        Directory.CreateDirectory(writing);
        await write(writing);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.Move(writing, directory);
    }

    private static PopulationSummary Summary(LabelledMatrix data) => new(data.Outcomes.Length, data.Outcomes.Count(o => o));

    private static string SummaryLine(ModelMetrics metrics, string what)
    {
        var report = metrics.Report;
        var kept = metrics.Comparison[metrics.Learner];
        var oracle = metrics.Oracle is { } o
            ? string.Create(CultureInfo.InvariantCulture, $"; oracle AUROC {o.Auroc.Value:F3}, Brier {o.Brier:F5}: {kept.AurocShareOfOracle:P1} of its AUROC, Brier {kept.BrierRelativeToOracle:F3}x")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{metrics.Model} {metrics.Version} ({what}): {metrics.Learner}, AUROC {report.Auroc.Value:F3} ({report.Auroc.Lower:F3}-{report.Auroc.Upper:F3}), Brier {report.Brier:F5}, calibration slope {report.Calibration.Slope:F2}{oracle}");
    }
}
