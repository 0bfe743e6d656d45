using Microsoft.ML;
using Microsoft.ML.Data;
using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// A feature row as ML.NET reads it, for training and scoring alike: <see cref="Features"/> is the row in
/// <see cref="RiskFeatures.Schema"/> order (what a tree ensemble splits on); <see cref="Numeric"/> and
/// <see cref="Categorical"/> are the same values split by kind (what a linear model normalises and one-hot encodes),
/// built only when a model asks for them.
/// </summary>
public sealed class ModelInput
{
    private readonly FeatureRow _row;
    private readonly ModelInputLayout _layout;

    internal ModelInput(FeatureRow row, ModelInputLayout layout, bool label)
    {
        _row = row;
        _layout = layout;
        Label = label;
    }

    public float[] Features => [.. _row.Features];

    public float[] Numeric => ModelInputLayout.Pick(_row.Features, _layout.NumericSlots);

    public float[] Categorical => ModelInputLayout.Pick(_row.Features, _layout.CategoricalSlots);

    /// <summary>Whether the outcome happened (training and evaluation only; false when scoring).</summary>
    public bool Label { get; }

    /// <summary>The matrix as a lazy <see cref="IDataView"/>, in row order; <paramref name="labels"/> by patient id, or none to score.</summary>
    public static IDataView ToDataView(MLContext ml, FeatureMatrix matrix, IReadOnlyDictionary<int, bool>? labels = null)
    {
        var layout = ModelInputLayout.Of(matrix.Schema);
        var rows = matrix.Rows.Select(row => new ModelInput(row, layout, labels is not null && labels[row.PatientId]));
        return ml.Data.LoadFromEnumerable(rows, layout.DataViewSchema);
    }
}

/// <summary>Which slots of a schema are numeric (and binary) and which categorical, and the vector sizes ML.NET is told.</summary>
internal sealed class ModelInputLayout
{
    private static readonly Dictionary<string, ModelInputLayout> BySchema = new(StringComparer.Ordinal);

    private ModelInputLayout(FeatureSchema schema)
    {
        NumericSlots = [.. schema.Features.Select((f, i) => (f, i)).Where(p => p.f.Kind != FeatureKind.Categorical).Select(p => p.i)];
        CategoricalSlots = [.. schema.Features.Select((f, i) => (f, i)).Where(p => p.f.Kind == FeatureKind.Categorical).Select(p => p.i)];
        DataViewSchema = SchemaDefinition.Create(typeof(ModelInput), SchemaDefinition.Direction.Read);
        DataViewSchema[nameof(ModelInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, schema.Count);
        DataViewSchema[nameof(ModelInput.Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, NumericSlots.Length);
        DataViewSchema[nameof(ModelInput.Categorical)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, CategoricalSlots.Length);
    }

    public int[] NumericSlots { get; }
    public int[] CategoricalSlots { get; }
    public SchemaDefinition DataViewSchema { get; }

    public static ModelInputLayout Of(FeatureSchema schema)
    {
        lock (BySchema)
        {
            if (!BySchema.TryGetValue(schema.Hash, out var layout))
                BySchema[schema.Hash] = layout = new ModelInputLayout(schema);
            return layout;
        }
    }

    public static float[] Pick(ReadOnlySpan<float> features, int[] slots)
    {
        var picked = new float[slots.Length];
        for (var i = 0; i < slots.Length; i++)
            picked[i] = features[slots[i]];
        return picked;
    }
}
