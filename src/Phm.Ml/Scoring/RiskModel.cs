using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Phm.Ml.Features;

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
        if (predictor is not ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> explained)
            throw new InvalidDataException($"The model of {info.Name} {info.Version} is a {predictor.GetType().Name}, whose feature contributions ML.NET cannot calculate.");
        var empty = ModelInput.ToDataView(ml, new FeatureMatrix(schema, default, []));
        _contributions = ml.Transforms.CalculateFeatureContribution(explained, TopContributions, TopContributions, normalize: false)
            .Fit(model.Transform(empty));
        var vectorLength = model.Transform(empty).Schema[explained.FeatureColumnName].Type is VectorDataViewType { Size: var size } ? size : 1;
        _schemaSlotOfVectorSlot = ModelInputLayout.Of(schema).SchemaSlotsOfVector(vectorLength, schema.Count);
    }

    public RiskModelInfo Info { get; }

    /// <summary>
    /// The model in <paramref name="directory"/>, refused (naming the folder and the first difference) when its
    /// <c>features.json</c> does not fit the features the code computes.
    /// </summary>
    public static async Task<RiskModel> LoadAsync(string directory, RiskModelInfo info, CancellationToken cancellationToken)
    {
        var featuresPath = Path.Combine(directory, FeatureSchema.FileName);
        var modelPath = Path.Combine(directory, ModelFileName);
        if (!File.Exists(featuresPath) || !File.Exists(modelPath))
            throw new RiskModelRefusedException(directory, $"it needs both {FeatureSchema.FileName} and {ModelFileName}");
        FeatureSchema trainedOn;
        try
        {
            trainedOn = await FeatureSchema.ReadAsync(featuresPath, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new RiskModelRefusedException(directory, e.Message, e);
        }
        if (RiskFeatures.Schema.DescribeMismatch(trainedOn) is { } mismatch)
            throw new RiskModelRefusedException(directory, mismatch);

        var ml = new MLContext(seed: 0);
        ITransformer model;
        await using (var stream = File.OpenRead(modelPath))
            model = ml.Model.Load(stream, out _);
        return new RiskModel(ml, model, RiskFeatures.Schema, info with { FeatureSchemaHash = trainedOn.Hash });
    }

    /// <summary>A model fitted in this process (training), scored exactly as a loaded one.</summary>
    internal static RiskModel FromFitted(MLContext ml, ITransformer model, FeatureSchema schema, RiskModelInfo info) => new(ml, model, schema, info);

    public IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features)
    {
        if (features.Schema.Hash != _schema.Hash)
            throw new ArgumentException($"The matrix's features (schema {features.Schema.Hash}) are not the model's ({_schema.Hash}).", nameof(features));
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
