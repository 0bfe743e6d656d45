using System.Text.Json;

namespace Phm.Ml.Training;

/// <summary>
/// <c>training.json</c>, beside a version's <c>metrics.json</c>: when and on what store it was trained, and how long each
/// step took. Kept apart so that <c>metrics.json</c> is the same for the same data (times and clocks differ run to run).
/// </summary>
public sealed record TrainingRecord(
    DateTimeOffset TrainedAtUtc,
    string Learner,
    string StoreGeneratorVersion,
    int StoreSeed,
    int StorePopulation,
    DateOnly StoreReferenceDate,
    double ReadSeconds,
    IReadOnlyDictionary<string, double> FitSeconds,
    double TotalSeconds)
{
    public const string FileName = "training.json";

    private static JsonSerializerOptions JsonOptions => ModelFileJson.Options;

    public async Task WriteAsync(string path, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, JsonOptions) + "\n", cancellationToken);

    public static async Task<TrainingRecord> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingRecord>(await File.ReadAllTextAsync(path, cancellationToken), JsonOptions)
                ?? throw new InvalidDataException($"{path} holds null, not a training record.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable training record: {e.Message}", e);
        }
    }
}
