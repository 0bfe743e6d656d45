using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// The stored form of a score's top contributions (<see cref="Data.Risk.RiskScore.Contributions"/>): a JSON array of
/// <c>[feature, value, contribution]</c>, largest first, each contribution rounded to 4 decimals, the feature given by its
/// position in the code's features (<see cref="RiskFeatures.Schema"/>), e.g. <c>[[63,3,0.4123],[0,84,0.1002]]</c>; a feature
/// the schema does not have (a retired one, a test's model) is given by its name. Positions, not names: the names were about
/// 40% of a score's row (some 105 of 260 bytes), made, copied to the server, written to its log and stored for every patient.
/// A position is read against the schema it was written with: a model scores only if its features are the code's
/// (<see cref="RiskModel"/>), and a store scored with other features is scored again before the hub serves it
/// (<see cref="RiskScoring"/>). Names stored by earlier versions read as before (earlier versions read names only). The words
/// are made from the value when read (<see cref="FeatureContribution.Words"/>): stored, they were two thirds of a score's row.
/// </summary>
public static class ContributionsJson
{
    public const int Decimals = 4;

    // Each thread's text, cleared for each score: the string is the one allocation a score costs.
    [ThreadStatic] private static StringBuilder? t_text;

    /// <summary>
    /// Written as characters, the form the string takes, rather than by a JSON writer to UTF-8 and back: at 2,000,000 patients the
    /// JSON writer, its number formatting and the transcoding were a third of the hub's time in making a model's score rows. The
    /// text is what <see cref="Utf8JsonWriter"/> writes for the same values (a test holds the two to it): features' names as it
    /// escapes them, numbers in their shortest round-trip form.
    /// </summary>
    public static string Write(ReadOnlySpan<FeatureContribution> contributions)
    {
        var text = t_text ??= new StringBuilder(512);
        text.Clear().Append('[');
        for (var i = 0; i < contributions.Length; i++)
        {
            var contribution = contributions[i];
            if (i > 0)
                text.Append(',');
            text.Append('[').Append(Stored(contribution.Feature)).Append(',');
            AppendValue(text, contribution.Value);
            text.Append(',');
            AppendRounded(text, Rounded(contribution.Contribution));
            text.Append(']');
        }
        return text.Append(']').ToString();
    }

    /// <summary>The schema's features' positions as JSON numbers, made once; any other feature is its name, quoted as it comes.</summary>
    private static readonly FrozenDictionary<string, string> Positions =
        RiskFeatures.Schema.Names.ToFrozenDictionary(name => name, name => RiskFeatures.Schema.SlotOf(name).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static string Stored(string feature) => Positions.TryGetValue(feature, out var position) ? position : JsonSerializer.Serialize(feature);

    /// <summary>Most values are whole (counts, ages, flags, codes), and a whole number's shortest form is its digits.</summary>
    private static void AppendValue(StringBuilder text, float value)
    {
        if (value == MathF.Truncate(value) && Math.Abs(value) < WholeValues && !(value == 0 && float.IsNegative(value)))
            text.Append(CultureInfo.InvariantCulture, $"{(int)value}");
        else
            text.Append(CultureInfo.InvariantCulture, $"{value}");
    }

    /// <summary>Below a million, a whole float's shortest form has no exponent.</summary>
    private const float WholeValues = 1_000_000;

    /// <summary>
    /// A contribution rounded to <see cref="Decimals"/> is the double nearest n / 10⁴ for a whole n, whose shortest round-trip
    /// form is n / 10⁴'s own digits without trailing zeros: written from n, with no general float formatting.
    /// </summary>
    private static void AppendRounded(StringBuilder text, double rounded)
    {
        if (!(Math.Abs(rounded) < RoundedDigitsUpTo))
        {
            text.Append(CultureInfo.InvariantCulture, $"{rounded}");
            return;
        }
        var tenThousandths = (long)Math.Round(Math.Abs(rounded) * Scale);
        if (rounded < 0)
            text.Append('-');
        text.Append(CultureInfo.InvariantCulture, $"{tenThousandths / Scale}");
        var fraction = (int)(tenThousandths % Scale);
        if (fraction == 0)
            return;
        Span<char> digits = stackalloc char[Decimals];
        for (var d = Decimals - 1; d >= 0; d--, fraction /= 10)
            digits[d] = (char)('0' + fraction % 10);
        text.Append('.').Append(digits.TrimEnd('0'));
    }

    private const long Scale = 10_000;

    /// <summary>
    /// Below this doubles are closer together than 10⁻⁴, so n / 10⁴ is the one shortest form of its double (contributions are a few
    /// units of log-odds; larger ones, never seen, take the general formatting).
    /// </summary>
    private const double RoundedDigitsUpTo = 1e11;

    /// <exception cref="JsonException">
    /// The text is not an array of <c>[feature, value, contribution]</c>, or a feature's position is not one of the schema's, naming where.
    /// </exception>
    public static IReadOnlyList<FeatureContribution> Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var contributions = new List<FeatureContribution>(RiskModel.TopContributions);
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Require(ref reader, JsonTokenType.StartArray);
            var feature = Next(ref reader) == JsonTokenType.String ? reader.GetString()! : FeatureAt(ref reader);
            Expect(ref reader, JsonTokenType.Number);
            var value = reader.GetSingle();
            Expect(ref reader, JsonTokenType.Number);
            contributions.Add(new FeatureContribution(feature, value, reader.GetDouble()));
            Expect(ref reader, JsonTokenType.EndArray);
        }
        return contributions;
    }

    /// <summary>
    /// Whether <paramref name="json"/> is in this form (features by position or by name): scores stored before it, objects with
    /// their words, are scored again (<see cref="RiskScoring"/>) rather than read two ways.
    /// </summary>
    public static bool IsCurrentForm(string json) => !json.StartsWith("[{", StringComparison.Ordinal);

    /// <summary>Adding 0.0 turns a rounded −0 into 0, which would otherwise be written "-0".</summary>
    private static double Rounded(double contribution) => Math.Round(contribution, Decimals, MidpointRounding.AwayFromZero) + 0.0;

    /// <summary>The name of the feature whose position in the schema the reader is at.</summary>
    private static string FeatureAt(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new JsonException($"Contributions have {reader.TokenType} at byte {reader.TokenStartIndex} where a feature (its position or its name) belongs.");
        var features = RiskFeatures.Schema.Features;
        return reader.TryGetInt32(out var position) && position >= 0 && position < features.Count
            ? features[position].Name
            : throw new JsonException($"Contributions have feature {Encoding.UTF8.GetString(reader.ValueSpan)} at byte {reader.TokenStartIndex}, not a position among the schema's {features.Count} features.");
    }

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
