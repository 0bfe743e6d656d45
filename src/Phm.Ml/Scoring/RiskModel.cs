using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using Phm.Ml.Evaluation;
using Phm.Ml.Features;
using Phm.Ml.Training;

namespace Phm.Ml.Scoring;

/// <summary>
/// A trained model loaded from its version folder (<c>ml-models/&lt;name&gt;/&lt;version&gt;/</c>): <c>model.zip</c>, checked
/// against the code's features through its <c>features.json</c>. Scores a whole matrix in one ML.NET transform, with each
/// patient's five largest feature contributions (ML.NET's feature contribution calculation: a tree ensemble's path
/// contributions, a linear model's weight times value) in words.
/// </summary>
public sealed class RiskModel : IRiskModel
{
    public const string ModelFileName = "model.zip";
    public const int TopContributions = 5;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly FeatureContributionCalculatingTransformer _contributions;
    private readonly FeatureSchema _schema;
    private readonly int[] _schemaSlotOfVectorSlot;

    private RiskModel(MLContext ml, ITransformer model, FeatureSchema schema, RiskModelInfo info)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        Info = info;

        var predictor = model is TransformerChain<ITransformer> chain ? chain.LastTransformer : model;
        var empty = model.Transform(ModelInput.ToDataView(ml, new FeatureMatrix(schema, default, [])));
        var explain = predictor switch
        {
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> trees =>
                ml.Transforms.CalculateFeatureContribution(trees, TopContributions, TopContributions, normalize: false),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> linear =>
                ml.Transforms.CalculateFeatureContribution(linear, TopContributions, TopContributions, normalize: false),
            _ => throw new InvalidDataException($"The model of {info.Name} {info.Version} is a {predictor.GetType()}, whose feature contributions this code does not calculate."),
        };
        _contributions = explain.Fit(empty);
        var featureColumn = ((ISingleFeaturePredictionTransformer<object>)predictor).FeatureColumnName;
        var vectorLength = empty.Schema[featureColumn].Type is VectorDataViewType { Size: var size } ? size : 1;
        _schemaSlotOfVectorSlot = ModelInputLayout.Of(schema).SchemaSlotsOfVector(vectorLength, schema.Count);
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
        var report = metrics.Report;
        var info = new RiskModelInfo(metrics.Model, metrics.Version, metrics.Outcome, metrics.Learner, trainedOn.Hash, training.TrainedAtUtc,
            metrics.TrainedOn, metrics.EvaluatedOn, report.Auroc.Value, report.Auroc.Lower, report.Auroc.Upper, report.Auprc.Value, report.Brier,
            report.Calibration.Slope, report.Calibration.Intercept, metrics.Oracle?.Auroc.Value, metrics.Oracle?.Brier);
        return new RiskModel(ml, model, RiskFeatures.Schema, info);
    }

    /// <summary>The probabilities alone, in row order: scoring without explanations (evaluation, and the bench's comparison).</summary>
    public double[] Probabilities(FeatureMatrix features)
    {
        RequireSchema(features);
        return [.. _model.Transform(ModelInput.ToDataView(_ml, features)).GetColumn<float>(ModelOutput.Probability).Select(p => (double)p)];
    }

    public IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features)
    {
        RequireSchema(features);
        var scored = _contributions.Transform(_model.Transform(ModelInput.ToDataView(_ml, features)));
        var predictions = new List<PatientPrediction>(features.Rows.Count);
        using var cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name is ModelOutput.Probability or ModelOutput.Contributions));
        var probability = cursor.GetGetter<float>(scored.Schema[ModelOutput.Probability]);
        var contributions = cursor.GetGetter<VBuffer<float>>(scored.Schema[ModelOutput.Contributions]);
        float p = 0;
        var vector = default(VBuffer<float>);
        var bySlot = new Dictionary<int, float>();
        var row = 0;
        while (cursor.MoveNext())
        {
            probability(ref p);
            contributions(ref vector);
            predictions.Add(new PatientPrediction(features.Rows[row].PatientId, p, TopOf(features.Rows[row].Features, vector, bySlot)));
            row++;
        }
        return predictions;
    }

    private void RequireSchema(FeatureMatrix features)
    {
        if (features.Schema.Hash != _schema.Hash)
            throw new ArgumentException($"The matrix's features (schema {features.Schema.Hash}) are not the model's ({_schema.Hash}).", nameof(features));
    }

    /// <summary>The five largest contributions (summed over a category's one-hot slots), largest first, ties by schema order.</summary>
    private FeatureContribution[] TopOf(float[] values, in VBuffer<float> vector, Dictionary<int, float> bySlot)
    {
        bySlot.Clear();
        var indices = vector.GetIndices();
        var amounts = vector.GetValues();
        for (var i = 0; i < amounts.Length; i++)
        {
            if (amounts[i] == 0)
                continue;
            var slot = _schemaSlotOfVectorSlot[vector.IsDense ? i : indices[i]];
            bySlot[slot] = bySlot.GetValueOrDefault(slot) + amounts[i];
        }
        return
        [
            .. bySlot.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(TopContributions)
                .Select(c => new FeatureContribution(_schema.Features[c.Key].Name, _schema.Features[c.Key].InWords(values[c.Key]), c.Value)),
        ];
    }
}

/// <summary>A model version that must not score: its files are missing or its features do not fit the code's.</summary>
public sealed class RiskModelRefusedException(string directory, string reason, Exception? inner = null)
    : InvalidOperationException($"Refused the risk model in {directory}: {reason}.", inner)
{
    public string Directory { get; } = directory;
    public string Reason { get; } = reason;
}
