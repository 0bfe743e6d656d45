using Phm.Api.Cohorts;
using Phm.Api.Loading;
using Phm.Api.Risk;
using Phm.Data.Cohorts;

namespace Phm.Api.Tests.Cohorts;

/// <summary>The CohortCriteria input: parsed into the criteria language, stored as the same JSON, refused with every problem at its path.</summary>
public sealed class CohortCriteriaInputTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Fact]
    public async Task AParsedInput_IsStoredAsJsonWithTheSameNames_AndReadsBackToTheSameCriteria()
    {
        var response = await fixture.Host.ExecuteAsync("""
            { evaluateCohort(criteria: { all: [
                { any: [{ register: { register: HEART_FAILURE, onset: { from: "2019-01-01", to: "2020-12-31" } } }, { registerCount: { atLeast: 3 } }] },
                { activity: { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 5 } } },
                { not: { careFlag: { kind: END_OF_LIFE_REGISTER } } }, { careFlag: { kind: CARE_PLAN, present: false } },
                { bedDays: { window: { lastMonths: 6 }, days: { atMost: 10 } } }, { daysSinceLastEmergencyAdmission: { atMost: 30 } },
                { age: { atLeast: 18, atMost: 90 } }, { sex: MALE }, { ethnicGroups: [WHITE, NOT_STATED] }, { pcn: "U00001" }, { practice: "J82001" },
                { lsoa: "E01017139" }, { nationalQuintiles: [1, 2] }, { localQuintiles: [1] },
                { risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH], minPercentile: 95, maxPercentile: 99.5 } }, { alive: true }
              ] }) { criteria } }
            """);

        var json = response.Data.GetProperty("evaluateCohort").GetProperty("criteria").GetString()!;
        Assert.Equal("""
            {"version":1,"criteria":{"all":[{"any":[{"register":{"register":"HEART_FAILURE","onset":{"from":"2019-01-01","to":"2020-12-31"}}},{"registerCount":{"atLeast":3}}]},{"activity":{"kind":"AE_ATTENDANCE","window":{"lastMonths":12},"count":{"atLeast":5}}},{"not":{"careFlag":{"kind":"END_OF_LIFE_REGISTER","present":true}}},{"careFlag":{"kind":"CARE_PLAN","present":false}},{"bedDays":{"window":{"lastMonths":6},"days":{"atMost":10}}},{"daysSinceLastEmergencyAdmission":{"atMost":30}},{"age":{"atLeast":18,"atMost":90}},{"sex":"MALE"},{"ethnicGroups":["WHITE","NOT_STATED"]},{"pcn":"U00001"},{"practice":"J82001"},{"lsoa":"E01017139"},{"nationalQuintiles":[1,2]},{"localQuintiles":[1]},{"risk":{"model":"emergency-admission-12m","tiers":["VERY_HIGH","HIGH"],"minPercentile":95,"maxPercentile":99.5}},{"alive":true}]}}
            """, json);
        // Records with lists compare the lists by reference, so the criteria read back are compared as the JSON they write.
        Assert.Equal(json, CohortCriteriaJson.Write(CohortCriteriaJson.Read(json)));
    }

    [Fact]
    public async Task InvalidCriteria_GiveAnErrorForEveryProblem_EachNamingItsPath_BeforeReadingPatients()
    {
        fixture.Host.Commands.Reset();

        var response = await fixture.Host.ExecuteAsync("""
            { evaluateCohort(criteria: { all: [
                { any: [] },
                { activity: { kind: AE_ATTENDANCE, window: { from: "2020-06-01", to: "2020-01-01" }, count: { atLeast: 5, atMost: 1 } } },
                { not: { nationalQuintiles: [0] } }
              ] }) { count } }
            """);

        Assert.Equal(Enumerable.Repeat<string?>(CohortCriteriaInvalidError.ErrorCode, 4), response.ErrorCodes);
        Assert.Equal(["criteria.all[0].any", "criteria.all[1].activity.window", "criteria.all[1].activity.count", "criteria.all[2].not.nationalQuintiles[0]"],
            response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("argument").GetString()));
        Assert.Equal("Argument 'criteria.all[1].activity.window' is invalid: the window starts on 2020-06-01, after its end 2020-01-01.",
            response.Json.GetProperty("errors")[1].GetProperty("message").GetString());
        Assert.False(response.Json.TryGetProperty("data", out _));
        Assert.DoesNotContain(fixture.Host.Commands.Commands, sql => sql.Contains("\"Patients\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CodesAndModelsTheStoreDoesNotHold_AreEachAProblemAtTheirPath()
    {
        var response = await fixture.Host.ExecuteAsync("""
            { evaluateCohort(criteria: { any: [{ pcn: "U99999" }, { practice: "X00000" }, { lsoa: "E01999999" }, { risk: { model: "no-such-model" } }, { pcn: "U00001" }] }) { count } }
            """);

        Assert.Equal(
            [
                "Argument 'criteria.any[0].pcn' is invalid: no PCN has the code 'U99999'.",
                "Argument 'criteria.any[1].practice' is invalid: no practice has the code 'X00000'.",
                "Argument 'criteria.any[2].lsoa' is invalid: no LSOA has the code 'E01999999'.",
                "Argument 'criteria.any[3].risk.model' is invalid: no risk model named 'no-such-model' has scores in the store.",
            ],
            response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("{ sex: MALE, alive: true }")]
    [InlineData("{}")]
    [InlineData("{ sex: null }")]
    public async Task ANodeSettingOtherThanOneField_IsRefusedByTheOneOfRule(string criteria)
    {
        var response = await fixture.Host.ExecuteAsync($"{{ evaluateCohort(criteria: {criteria}) {{ count }} }}");

        Assert.NotEmpty(response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("members(orderBy: RISK_DESC, model: \"no-such-model\")", RiskModelNotFoundError.ErrorCode, "model")]
    [InlineData("members(first: 501)", PageSizeOutOfRangeError.ErrorCode, "first")]
    [InlineData("members(after: \"not a cursor\")", MalformedCursorError.ErrorCode, "after")]
    public async Task Members_WithABadArgument_AreRefused(string members, string code, string argument)
    {
        var response = await fixture.Host.ExecuteAsync($"{{ evaluateCohort(criteria: {{ alive: true }}) {{ {members} {{ totalCount }} }} }}");

        Assert.Equal([code], response.ErrorCodes);
        Assert.StartsWith($"Argument '{argument}' is invalid: ", response.ErrorMessage, StringComparison.Ordinal);
    }
}
