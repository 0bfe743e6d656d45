using System.Text.Json;
using Phm.Ml.Features;
using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

/// <summary>
/// A score's contributions are stored as a compact JSON array of [feature, value, contribution], in the order given, rounded
/// to four decimals whatever the culture, each feature by its position in the code's schema (by name if it has none there);
/// the words are made from the value when read.
/// </summary>
public sealed class ContributionsJsonTests
{
    [Fact]
    public void Contributions_AreFeaturePositionValueAndContribution_RoundedToFourDecimals_InAnyCulture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var json = ContributionsJson.Write([
                new FeatureContribution("emergency_admission_12m", 3, 0.412345),
                new FeatureContribution("ae_attendance_per_year", 1.25f, -0.00004),
                new FeatureContribution("age", 84, -1.23456789e-1),
            ]);

            Assert.Equal($"[[{Position("emergency_admission_12m")},3,0.4123],[{Position("ae_attendance_per_year")},1.25,0],[{Position("age")},84,-0.1235]]", json);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void AFeatureTheSchemaDoesNotHave_IsWrittenByName()
    {
        Assert.Equal($"""[["retired_feature",2.5,0.1],[{Position("age")},84,0]]""",
            ContributionsJson.Write([new FeatureContribution("retired_feature", 2.5f, 0.1), new FeatureContribution("age", 84, 0)]));
    }

    private static int Position(string feature) => RiskFeatures.Schema.SlotOf(feature);

    [Fact]
    public void Contributions_AreWrittenAsSystemTextJsonWritesThem_ForEveryKindOfValue()
    {
        var random = new Random(2026);
        var names = RiskFeatures.Schema.Features.Select(f => f.Name).Append("a \"quoted\" name <&>").Append("é").ToArray();
        for (var score = 0; score < 20_000; score++)
        {
            var contributions = Enumerable.Range(0, random.Next(0, 6))
                .Select(_ => new FeatureContribution(names[random.Next(names.Length)], AValue(random), AContribution(random)))
                .ToArray();

            Assert.Equal(AsSystemTextJson(contributions), ContributionsJson.Write(contributions));
        }
    }

    /// <summary>Whole numbers, tenths, fractions, negatives, zeros of both signs, large and tiny values.</summary>
    private static float AValue(Random random) => random.Next(8) switch
    {
        0 => random.Next(-5, 120),
        1 => MathF.Round((float)random.NextDouble() * 40, 1),
        2 => (float)(random.NextDouble() * 200 - 100),
        3 => random.Next(2) == 0 ? 0f : -0f,
        4 => (float)Math.Pow(10, random.Next(-12, 12)) * (float)random.NextDouble(),
        5 => random.Next(999_990, 1_000_010) * (random.Next(2) == 0 ? 1 : -1),
        6 => BitConverter.Int32BitsToSingle(random.Next()) is var bits && float.IsFinite(bits) ? bits : 1,
        _ => 730,
    };

    /// <summary>Contributions of every size, rounding to 0 from either side, and at the edge of the plain form.</summary>
    private static double AContribution(Random random) => random.Next(6) switch
    {
        0 => random.NextDouble() * 2 - 1,
        1 => (random.NextDouble() - 0.5) * 1e-4,
        2 => Math.Pow(10, random.Next(-6, 17)) * (random.NextDouble() - 0.5),
        3 => Math.Round(random.NextDouble(), 4) + 0.00005,
        4 => random.Next(-3, 4),
        _ => BitConverter.Int64BitsToDouble(random.NextInt64()) is var bits && double.IsFinite(bits) ? bits : 0.5,
    };

    /// <summary>The form as System.Text.Json's writer makes it: the specification of what is stored.</summary>
    private static string AsSystemTextJson(IReadOnlyList<FeatureContribution> contributions)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var contribution in contributions)
            {
                json.WriteStartArray();
                if (RiskFeatures.Schema.Names.Contains(contribution.Feature))
                    json.WriteNumberValue(Position(contribution.Feature));
                else
                    json.WriteStringValue(contribution.Feature);
                json.WriteNumberValue(contribution.Value);
                json.WriteNumberValue(Math.Round(contribution.Contribution, ContributionsJson.Decimals, MidpointRounding.AwayFromZero) + 0.0);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Contributions_ReadBack_WithTheirValuesInTheFeaturesWords_TheirFeaturesByPositionOrByName(bool byPosition)
    {
        string Feature(string name) => byPosition ? $"{Position(name)}" : $"\"{name}\"";
        var read = ContributionsJson.Read($"[[{Feature("emergency_admission_12m")},3,0.4123],[{Feature("register_heart_failure")},1,0.2],[{Feature("age")},84,-0.1235]]");

        Assert.Equal(
            [
                ("emergency_admission_12m", 3f, "3 emergency admissions in the last 12 months", 0.4123),
                ("register_heart_failure", 1f, "on the heart failure register", 0.2),
                ("age", 84f, "aged 84", -0.1235),
            ],
            read.Select(c => (c.Feature, c.Value, c.Words, c.Contribution)));
    }

    [Fact]
    public void AFeatureTheCodeNoLongerHas_ReadsAsItsNameAndValue()
    {
        Assert.Equal("retired_feature = 2.5", Assert.Single(ContributionsJson.Read("""[["retired_feature",2.5,0.1]]""")).Words);
    }

    [Theory]
    [InlineData("""[{"feature":"age","words":"aged 84","contribution":0.1}]""", "StartObject at byte 1")]
    [InlineData("""[["age",84]]""", "EndArray at byte 10")]
    [InlineData("""[["age","84",0.1]]""", "String at byte 8")]
    [InlineData("""[[true,84,0.1]]""", "True at byte 2 where a feature (its position or its name) belongs")]
    [InlineData("""[[-1,84,0.1]]""", "feature -1 at byte 2, not a position among the schema's")]
    [InlineData("""[[100000,84,0.1]]""", "feature 100000 at byte 2, not a position")]
    [InlineData("""[[1.5,84,0.1]]""", "feature 1.5 at byte 2, not a position")]
    public void AnythingElse_IsRefused_NamingWhere(string json, string where)
    {
        var refused = Assert.Throws<JsonException>(() => ContributionsJson.Read(json));

        Assert.Contains(where, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[[0,84,0.1]]""", true)]
    [InlineData("""[["age",84,0.1]]""", true)]
    [InlineData("[]", true)]
    [InlineData("""[{"feature":"age","words":"aged 84","contribution":0.1}]""", false)]
    public void TheEarlierFormWithWords_IsToldApart(string json, bool current)
    {
        Assert.Equal(current, ContributionsJson.IsCurrentForm(json));
    }
}
