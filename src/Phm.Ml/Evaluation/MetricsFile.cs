using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Phm.Data.Risk;

namespace Phm.Ml.Evaluation;

/// <summary>
/// The whole evaluation of a model version, written beside it as <c>metrics.json</c> and rendered as its
/// <c>MODEL_CARD.md</c>. Properties are written in declaration order, so the file diffs well.
/// </summary>
/// <param name="Outcome">The outcome in words: "emergency admission in the next 12 months".</param>
/// <param name="OutcomeDefinition">What counts, exactly, and over which window after the index date.</param>
/// <param name="Learner">The learner kept (the name of its candidate in <see cref="Comparison"/>).</param>
/// <param name="LearnerReason">Why it was kept: for instance, its AUROC beats both baselines'.</param>
/// <param name="TrainedOn">The index date of the training population (outcomes in the year after it).</param>
/// <param name="EvaluatedOn">The later index date of the out-of-time evaluation population.</param>
public sealed record ModelMetrics(
    string Model,
    string Version,
    string Outcome,
    string OutcomeDefinition,
    string Learner,
    string LearnerReason,
    DateOnly TrainedOn,
    DateOnly EvaluatedOn,
    PopulationSummary Training,
    PopulationSummary Evaluation,
    EvaluationSettings Settings,
    CandidateComparison Comparison,
    EvaluationReport Report)
{
    /// <summary>The oracle's row of <see cref="Comparison"/>, written again for readers; null without an oracle.</summary>
    [JsonInclude]
    public CandidateSummary? Oracle => Comparison.Oracle is { } oracle ? Comparison[oracle] : null;

    /// <summary>The headline stored with the model's scores, from the kept model's report and the oracle's row.</summary>
    public RiskModelInfo Headline(string featureSchemaHash, DateTimeOffset trainedAtUtc) => new()
    {
        Name = Model, Version = Version, Outcome = Outcome, Learner = Learner, FeatureSchemaHash = featureSchemaHash,
        TrainedAtUtc = trainedAtUtc, TrainedOn = TrainedOn, EvaluatedOn = EvaluatedOn,
        Auroc = Report.Auroc.Value, AurocLower = Report.Auroc.Lower, AurocUpper = Report.Auroc.Upper, Auprc = Report.Auprc.Value,
        Brier = Report.Brier, CalibrationSlope = Report.Calibration.Slope, CalibrationIntercept = Report.Calibration.Intercept,
        OracleAuroc = Oracle?.Auroc.Value, OracleBrier = Oracle?.Brier,
    };
}

/// <summary>A population's size and how many of it had the outcome.</summary>
public sealed record PopulationSummary(int Patients, int Events);

/// <summary>Reads and writes <see cref="ModelMetrics"/> as <c>metrics.json</c>: camelCase, indented, "\n" line ends, numbers in the invariant form.</summary>
public static class MetricsFile
{
    public const string FileName = "metrics.json";

    private static JsonSerializerOptions JsonOptions => ModelFileJson.Options;

    public static string ToJson(ModelMetrics metrics) => JsonSerializer.Serialize(metrics, JsonOptions) + "\n";

    /// <param name="source">Where the text came from, for the error message.</param>
    public static ModelMetrics FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelMetrics>(json, JsonOptions)
                ?? throw new InvalidDataException($"{source} holds null, not a model's metrics.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a readable metrics file: {e.Message}", e);
        }
    }

    public static void Write(string path, ModelMetrics metrics) => File.WriteAllText(path, ToJson(metrics), new UTF8Encoding(false));

    public static ModelMetrics Read(string path) => FromJson(File.ReadAllText(path), path);
}
