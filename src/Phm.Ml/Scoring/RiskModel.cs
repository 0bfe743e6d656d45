using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Phm.Data.Risk;
using Phm.Ml.Evaluation;
using Phm.Ml.Features;
using Phm.Ml.Training;

namespace Phm.Ml.Scoring;

/// <summary>
/// A trained model loaded from its version folder (<c>ml-models/&lt;name&gt;/&lt;version&gt;/</c>): <c>model.zip</c>, checked
/// against the code's features through its <c>features.json</c>. Scores a whole matrix in batches on every core, with each
/// patient's five largest feature contributions and values, through the model compiled once at load
/// (<see cref="CompiledScorer"/>: the same probabilities and contributions as ML.NET's transform and feature
/// contribution calculation, checked against them, at many times the rate).
/// </summary>
public sealed class RiskModel : IRiskModel
{
    public const string ModelFileName = "model.zip";
    public const int TopContributions = 5;


    private readonly CompiledScorer _scorer;
    private readonly FeatureSchema _schema;

    private RiskModel(MLContext ml, ITransformer model, FeatureSchema schema, RiskModelInfo info)
    {
        _schema = schema;
        Info = info;
        _scorer = CompiledScorer.Compile(ml, model, schema, $"{info.Name} {info.Version}");
    }

    public RiskModelInfo Info { get; }

    /// <summary>
    /// The model in <paramref name="directory"/>, refused (naming the folder and the first difference) when its
    /// <c>features.json</c> does not fit the features the code computes, or when a file it needs is missing or unreadable.
    /// </summary>
    public static async Task<RiskModel> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var missing = new[] { FeatureSchema.FileName, ModelFileName, MetricsFile.FileName, TrainingRecord.FileName }
            .Where(file => !File.Exists(Path.Combine(directory, file))).ToList();
        if (missing.Count > 0)
            throw new RiskModelRefusedException(directory, $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing");
        FeatureSchema trainedOn;
        ModelMetrics metrics;
        TrainingRecord training;
        try
        {
            trainedOn = await FeatureSchema.ReadAsync(Path.Combine(directory, FeatureSchema.FileName), cancellationToken);
            metrics = MetricsFile.Read(Path.Combine(directory, MetricsFile.FileName));
            training = await TrainingRecord.ReadAsync(Path.Combine(directory, TrainingRecord.FileName), cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new RiskModelRefusedException(directory, e.Message, e);
        }
        if (RiskFeatures.Schema.DescribeMismatch(trainedOn) is { } mismatch)
            throw new RiskModelRefusedException(directory, mismatch);

        var ml = new MLContext(seed: 0);
        ITransformer model;
        try
        {
            await using var stream = File.OpenRead(Path.Combine(directory, ModelFileName));
            model = ml.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw new RiskModelRefusedException(directory, $"{ModelFileName} is not a readable ML.NET model ({e.Message})", e);
        }
        var info = metrics.Headline(trainedOn.Hash, training.TrainedAtUtc);
        return new RiskModel(ml, model, RiskFeatures.Schema, info);
    }

    /// <summary>The probabilities alone, in row order: scoring without explanations (evaluation, and the bench's comparison).</summary>
    public double[] Probabilities(FeatureMatrix features)
    {
        RequireSchema(features);
        return _scorer.Probabilities(features);
    }

    public IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features)
    {
        RequireSchema(features);
        var predictions = new PatientPrediction[features.Rows.Count];
        Parallel.ForEach(Partitioner.Create(0, predictions.Length, CompiledScorer.BatchSize), range => PredictBatch(features, predictions, range.Item1, range.Item2));
        return predictions;
    }

    /// <summary>Optimised at its first call, as the compiled scorer's per-row methods are (see <see cref="CompiledScorer"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PredictBatch(FeatureMatrix features, PatientPrediction[] predictions, int from, int to)
    {
        var usedSlots = _scorer.UsedSlots;
        var bySlot = new double[_schema.Count];
        // The batch's top contributions in one array, a large object the GC never copies, rather than an array a patient that
        // lives until the scores are written, copied as it is promoted.
        var contributions = new FeatureContribution[(to - from) * TopContributions];
        for (var i = from; i < to; i++)
        {
            var row = features.Rows[i];
            foreach (var slot in usedSlots)
                bySlot[slot] = 0;
            var score = _scorer.ScoreWithContributions(row.Features, bySlot);
            var top = new ArraySegment<FeatureContribution>(contributions, (i - from) * TopContributions, TopContributions);
            predictions[i] = new PatientPrediction(row.PatientId, _scorer.Probability(score), top[..TopOf(row.Features, bySlot, usedSlots, top)]);
        }
    }

    private void RequireSchema(FeatureMatrix features)
    {
        if (features.Schema.Hash != _schema.Hash)
            throw new ArgumentException($"The matrix's features (schema {features.Schema.Hash}) are not the model's ({_schema.Hash}).", nameof(features));
    }

    /// <summary>
    /// The five largest contributions (a category's one-hot columns counted as the one feature), largest first, ties in
    /// schema order; none of 0. One pass keeping the five best so far, over the slots the model uses (the rest are 0).
    /// Written into <paramref name="contributions"/>; returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TopOf(ReadOnlySpan<float> values, double[] bySlot, int[] usedSlots, Span<FeatureContribution> contributions)
    {
        Span<int> top = stackalloc int[TopContributions];
        var count = 0;
        foreach (var slot in usedSlots)
        {
            if (bySlot[slot] == 0 || (count == TopContributions && bySlot[slot] <= bySlot[top[count - 1]]))
                continue;
            var at = Math.Min(count, TopContributions - 1);
            while (at > 0 && bySlot[top[at - 1]] < bySlot[slot])
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = slot;
            count = Math.Min(count + 1, TopContributions);
        }
        for (var i = 0; i < count; i++)
            contributions[i] = new FeatureContribution(_schema.Features[top[i]].Name, values[top[i]], bySlot[top[i]]);
        return count;
    }
}

/// <summary>A model version that must not score: its files are missing or its features do not fit the code's.</summary>
public sealed class RiskModelRefusedException(string directory, string reason, Exception? inner = null)
    : InvalidOperationException($"Refused the risk model in {directory}: {reason}.", inner)
{
    public string Directory { get; } = directory;
    public string Reason { get; } = reason;
}
