using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

/// <summary>A score's contributions are stored as compact camelCase JSON, in the order given, rounded to four decimals whatever the culture.</summary>
public sealed class ContributionsJsonTests
{
    [Fact]
    public void Contributions_AreCompactCamelCaseJson_RoundedToFourDecimals_WithTheWordsAsWritten()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var json = ContributionsJson.Write([
                new FeatureContribution("emergency_admission_12m", "3 emergency admissions in the last 12 months", 0.412345),
                new FeatureContribution("ae_attendance_12m", "2 A&E attendances in the patient's last 12 months", -0.00004),
                new FeatureContribution("age", "aged 84", -1.23456789e-1),
            ]);

            Assert.Equal(
                """[{"feature":"emergency_admission_12m","words":"3 emergency admissions in the last 12 months","contribution":0.4123},""" +
                """{"feature":"ae_attendance_12m","words":"2 A&E attendances in the patient's last 12 months","contribution":0},""" +
                """{"feature":"age","words":"aged 84","contribution":-0.1235}]""",
                json);
            Assert.Equal(0.4123, ContributionsJson.Read(json)[0].Contribution);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
