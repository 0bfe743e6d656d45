using System.Text.Json;
using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

/// <summary>
/// A score's contributions are stored as a compact JSON array of [feature, value, contribution], in the order given, rounded
/// to four decimals whatever the culture; the words are made from the value when read.
/// </summary>
public sealed class ContributionsJsonTests
{
    [Fact]
    public void Contributions_AreFeatureValueAndContribution_RoundedToFourDecimals_InAnyCulture()
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

            Assert.Equal("""[["emergency_admission_12m",3,0.4123],["ae_attendance_per_year",1.25,0],["age",84,-0.1235]]""", json);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Contributions_ReadBack_WithTheirValuesInTheFeaturesWords()
    {
        var read = ContributionsJson.Read("""[["emergency_admission_12m",3,0.4123],["register_heart_failure",1,0.2],["age",84,-0.1235]]""");

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
    public void AnythingElse_IsRefused_NamingWhere(string json, string where)
    {
        var refused = Assert.Throws<JsonException>(() => ContributionsJson.Read(json));

        Assert.Contains(where, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[["age",84,0.1]]""", true)]
    [InlineData("[]", true)]
    [InlineData("""[{"feature":"age","words":"aged 84","contribution":0.1}]""", false)]
    public void TheEarlierFormWithWords_IsToldApart(string json, bool current)
    {
        Assert.Equal(current, ContributionsJson.IsCurrentForm(json));
    }
}
