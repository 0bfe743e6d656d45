using System.Diagnostics;
using Microsoft.ML;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Outcomes;
using Phm.Ml.Scoring;

namespace Phm.Ml.Training;

/// <summary>A fitted learner and its probabilities on the evaluation date, in the evaluation matrix's row order.</summary>
public sealed record FittedCandidate(string Learner, ITransformer Model, double[] EvaluationProbabilities, TimeSpan FitTime);

/// <summary>
/// Everything a training run produced: the data of both dates, the two fitted learners, the rule's scores, and how long
/// each step took.
/// </summary>
public sealed record TrainingRun(
    ModelDefinition Definition,
    TrainingDates Dates,
    LabelledMatrix Training,
    LabelledMatrix Evaluation,
    FittedCandidate GradientBoosted,
    FittedCandidate Logistic,
    double[] RuleScores,
    TimeSpan ReadTime,
    TimeSpan Elapsed);

/// <summary>
/// Trains a model's candidates: reads the features and outcomes at both dates, fits the boosted trees and the logistic
/// regression on the training date, and predicts the evaluation date with them and the rule.
/// </summary>
public sealed class RiskModelTrainer(Func<PhmDbContext> createContext)
{
    public async Task<TrainingRun> TrainAsync(ModelDefinition definition, DateOnly referenceDate, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var dates = TrainingDates.Before(referenceDate);
        progress?.Report($"features and outcomes on {dates.TrainOn:yyyy-MM-dd} (training)");
        var training = await LabelledMatrix.ReadAsync(createContext, definition.Outcome, dates.TrainOn, cancellationToken);
        progress?.Report($"features and outcomes on {dates.EvaluateOn:yyyy-MM-dd} (evaluation)");
        var evaluation = await LabelledMatrix.ReadAsync(createContext, definition.Outcome, dates.EvaluateOn, cancellationToken);
        var readTime = clock.Elapsed;
        if (training.Outcomes.All(o => o) || !training.Outcomes.Any(o => o))
            throw new InvalidOperationException($"{definition.Name}: every patient on {dates.TrainOn:yyyy-MM-dd} has the same outcome; there is nothing to learn.");

        var ml = Candidates.NewContext();
        // Cached once: the linear learner passes over the data many times, and both read every column.
        var trainView = ml.Data.Cache(ModelInput.ToDataView(ml, training.Matrix, training.Labels));

        progress?.Report($"fitting {Candidates.GradientBoosting}");
        var boosted = Fit(ml, Candidates.GradientBoosting, Candidates.GradientBoosted(ml), trainView, evaluation.Matrix, cancellationToken);
        progress?.Report($"fitting {Candidates.LogisticRegression}");
        var logistic = Fit(ml, Candidates.LogisticRegression, Candidates.Logistic(ml), trainView, evaluation.Matrix, cancellationToken);
        var rule = Candidates.PriorAdmissionsScores(evaluation.Matrix);
        return new TrainingRun(definition, dates, training, evaluation, boosted, logistic, rule, readTime, clock.Elapsed);
    }

    /// <summary>
    /// Fits a learner and scores the evaluation date as the hub will score with it (<see cref="CompiledScorer"/>), so
    /// that <c>metrics.json</c> is what the served model's probabilities give.
    /// </summary>
    private static FittedCandidate Fit(MLContext ml, string learner, IEstimator<ITransformer> estimator, IDataView train, FeatureMatrix evaluation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var model = estimator.Fit(train);
        var fitTime = clock.Elapsed;
        return new FittedCandidate(learner, model, CompiledScorer.Compile(ml, model, evaluation.Schema, learner).Probabilities(evaluation), fitTime);
    }
}
