using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Phm.Ml.Scoring;

/// <summary>
/// The stored form of a score's top contributions (<see cref="Data.Risk.RiskScore.Contributions"/>): a JSON array of
/// <c>[feature, value, contribution]</c>, largest first, each contribution rounded to 4 decimals, e.g.
/// <c>[["emergency_admission_12m",3,0.4123],["age",84,0.1002]]</c>. The words are made from the value when read
/// (<see cref="FeatureContribution.Words"/>): stored, they were two thirds of a score's row, written and copied for every
/// patient (about 600 bytes a row against 200).
/// </summary>
public static class ContributionsJson
{
    public const int Decimals = 4;

    // Each thread's writer and buffer, reset for each score: the string is the one allocation a score costs.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    public static string Write(IReadOnlyList<FeatureContribution> contributions)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartArray();
        for (var i = 0; i < contributions.Count; i++)
        {
            var contribution = contributions[i];
            json.WriteStartArray();
            json.WriteStringValue(contribution.Feature);
            json.WriteNumberValue(contribution.Value);
            json.WriteNumberValue(Rounded(contribution.Contribution));
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="JsonException">The text is not an array of <c>[feature, value, contribution]</c>, naming where.</exception>
    public static IReadOnlyList<FeatureContribution> Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var contributions = new List<FeatureContribution>(RiskModel.TopContributions);
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Require(ref reader, JsonTokenType.StartArray);
            Expect(ref reader, JsonTokenType.String);
            var feature = reader.GetString()!;
            Expect(ref reader, JsonTokenType.Number);
            var value = reader.GetSingle();
            Expect(ref reader, JsonTokenType.Number);
            contributions.Add(new FeatureContribution(feature, value, reader.GetDouble()));
            Expect(ref reader, JsonTokenType.EndArray);
        }
        return contributions;
    }

    /// <summary>
    /// Whether <paramref name="json"/> is in this form: scores stored before it (objects with their words) are scored again
    /// (<see cref="RiskScoring"/>) rather than read two ways.
    /// </summary>
    public static bool IsCurrentForm(string json) => !json.StartsWith("[{", StringComparison.Ordinal);

    /// <summary>Adding 0.0 turns a rounded −0 into 0, which would otherwise be written "-0".</summary>
    private static double Rounded(double contribution) => Math.Round(contribution, Decimals, MidpointRounding.AwayFromZero) + 0.0;

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException($"Contributions end early, at byte {reader.BytesConsumed}.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        Next(ref reader);
        Require(ref reader, token);
    }

    private static void Require(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
            throw new JsonException($"Contributions have {reader.TokenType} at byte {reader.TokenStartIndex} where {token} of [feature, value, contribution] belongs.");
    }
}
