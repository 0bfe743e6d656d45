using System.Text.Json;
using Phm.Api.Patients;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Patients;

public sealed class PatientDetailTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Fact]
    public async Task Patient_ById_ShowsDemographicsPlaceConditionsFlagsAndActivity()
    {
        var response = await fixture.Host.ExecuteAsync("""
            query($id: ID!) {
              patient(id: $id) {
                id birthYearMonth age sex ethnicGroup dateOfDeath
                practice { code pcn { code } }
                lsoa { code nationalQuintile localQuintile }
                conditions { register kind snomedCode onsetDate codeList }
                careFlags { kind recordedOn }
                activity { kind date lengthOfStayDays }
                activityCounts { kind count }
              }
            }
            """, new { id = Dan });

        Snapshot.Match(response.Indented);
    }

    [Fact]
    public async Task AgeBand_IsTheBandOfTheAge_ForEveryPatient()
    {
        var response = await fixture.Host.ExecuteAsync("{ patients(first: 500) { items { age ageBand } } }");

        var patients = response.Data.GetProperty("patients").GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(patients);
        Assert.All(patients, p => Assert.Equal(BandOf(p.GetProperty("age").GetInt32()), p.GetProperty("ageBand").GetString()));
    }

    /// <summary>The README's bands written out, so a change of the rule shows here.</summary>
    private static string BandOf(int age) => age switch
    {
        < 18 => "AGE_0_TO_17",
        < 45 => "AGE_18_TO_44",
        < 65 => "AGE_45_TO_64",
        < 75 => "AGE_65_TO_74",
        < 85 => "AGE_75_TO_84",
        _ => "AGE_85_AND_OVER",
    };

    [Theory]
    [InlineData("kind: GP_APPOINTMENT", new[] { "2020-01-10", "2020-06-01" })]
    [InlineData("from: \"2020-07-01\", to: \"2020-07-31\"", new[] { "2020-07-02", "2020-07-02" })]
    [InlineData("kind: OUTPATIENT, from: \"2020-10-05\"", new[] { "2020-10-05" })]
    [InlineData("to: \"2019-12-31\"", new string[0])]
    public async Task Activity_WithKindOrPeriod_ListsOnlyMatchingContacts(string arguments, string[] dates)
    {
        var response = await fixture.Host.ExecuteAsync($"{{ patient(id: \"{Ann}\") {{ activity({arguments}) {{ date }} }} }}");

        Assert.Equal(dates, response.Data.GetProperty("patient").GetProperty("activity").Strings("date"));
    }

    [Fact]
    public async Task ActivityCounts_InAPeriod_CountEveryKindIncludingZeros()
    {
        var response = await fixture.Host.ExecuteAsync($$"""{ patient(id: "{{Ann}}") { activityCounts(from: "2020-06-01") { kind count } } }""");

        var counts = response.Data.GetProperty("patient").GetProperty("activityCounts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("kind").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(9, counts.Count);
        Assert.Equal(4, counts.Values.Sum());
        Assert.Equal(1, counts["GP_APPOINTMENT"]);
        Assert.Equal(1, counts["EMERGENCY_ADMISSION"]);
        Assert.Equal(0, counts["AMBULANCE"]);
    }

    [Theory]
    [InlineData("", 3, 2)]
    [InlineData("(from: \"2020-08-01\")", 3, 1)]                 // paracetamol again, and two other medicines
    [InlineData("(from: \"2020-02-02\", to: \"2020-07-31\")", 0, 1)]
    public async Task MedicinesAndProcedures_CountDistinctMedicinesPrescribedAndProceduresPerformed_InAPeriod(string period, int medicines, int procedures)
    {
        var response = await fixture.Host.ExecuteAsync($$"""{ patient(id: "{{Ann}}") { medicinesPrescribed{{period}} proceduresPerformed{{period}} } }""");

        var patient = response.Data.GetProperty("patient");
        Assert.Equal((medicines, procedures), (patient.GetProperty("medicinesPrescribed").GetInt32(), patient.GetProperty("proceduresPerformed").GetInt32()));
    }

    [Fact]
    public async Task MedicinesAndProcedures_OfAPatientWithoutAny_AreZero()
    {
        var response = await fixture.Host.ExecuteAsync($$"""{ patient(id: "{{Bob}}") { medicinesPrescribed proceduresPerformed } }""");

        Assert.Equal(0, response.Data.GetProperty("patient").GetProperty("medicinesPrescribed").GetInt32());
        Assert.Equal(0, response.Data.GetProperty("patient").GetProperty("proceduresPerformed").GetInt32());
    }

    [Fact]
    public async Task Activity_WithPeriodEndingBeforeItStarts_FailsValidation()
    {
        var response = await fixture.Host.ExecuteAsync($$"""{ patient(id: "{{Ann}}") { activity(from: "2021-01-01", to: "2020-01-01") { date } } }""");

        Assert.Equal([DateRangeInvalidError.ErrorCode], response.ErrorCodes);
        Assert.Equal("Argument 'from' is invalid: the period starts on 2021-01-01, after its end 2020-01-01.", response.ErrorMessage);
    }

    [Fact]
    public async Task Patient_ByUnknownId_IsNull()
    {
        var response = await fixture.Host.ExecuteAsync("{ patient(id: \"no-such-pseudonym\") { id } }");

        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("patient").ValueKind);
        Assert.Empty(response.ErrorCodes);
    }
}
