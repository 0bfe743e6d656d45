using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Phm.Ml.Scoring;

/// <summary>
/// The stored form of a score's top contributions (<see cref="Data.Risk.RiskScore.Contributions"/>): compact camelCase JSON,
/// largest first, each contribution rounded to 4 decimals, e.g.
/// <c>[{"feature":"emergency_admission_12m","words":"3 emergency admissions in the last 12 months","contribution":0.4123}]</c>.
/// </summary>
public static class ContributionsJson
{
    public const int Decimals = 4;

    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    // Read back by the hub, never embedded in HTML: "A&E" and "patient's" as written, and a third shorter.
    private static readonly JsonWriterOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode(ReadOptions.PropertyNamingPolicy!.ConvertName(nameof(FeatureContribution.Feature)));
    private static readonly JsonEncodedText Words = JsonEncodedText.Encode(ReadOptions.PropertyNamingPolicy!.ConvertName(nameof(FeatureContribution.Words)));
    private static readonly JsonEncodedText Contribution = JsonEncodedText.Encode(ReadOptions.PropertyNamingPolicy!.ConvertName(nameof(FeatureContribution.Contribution)));

    // Each thread's writer and buffer, reset for each score: the string is the one allocation a score costs.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    /// <summary>Written with a JSON writer rather than the serializer: no rounded copy of each contribution, no reflection, for each of a city's scores.</summary>
    public static string Write(IReadOnlyList<FeatureContribution> contributions)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer, WriteOptions);
        json.Reset(buffer);
        json.WriteStartArray();
        for (var i = 0; i < contributions.Count; i++)
        {
            var contribution = contributions[i];
            json.WriteStartObject();
            json.WriteString(Feature, contribution.Feature);
            json.WriteString(Words, contribution.Words);
            json.WriteNumber(Contribution, Rounded(contribution.Contribution));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<FeatureContribution> Read(string json) =>
        JsonSerializer.Deserialize<List<FeatureContribution>>(json, ReadOptions) ?? throw new JsonException("Contributions are null.");

    /// <summary>Adding 0.0 turns a rounded −0 into 0, which would otherwise be written "-0".</summary>
    private static double Rounded(double contribution) => Math.Round(contribution, Decimals, MidpointRounding.AwayFromZero) + 0.0;
}
