using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>A cohort member's <c>why</c> over the hand-made population (<see cref="SampleData"/>; see <see cref="EvaluateCohortTests"/> for who is who).</summary>
public sealed class CohortWhyTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    /// <summary>Every kind of predicate once, met by Ann alone.</summary>
    private const string EveryKind = """
        { all: [
            { any: [{ register: { register: HEART_FAILURE } }, { register: { register: DIABETES, onset: { lastMonths: 120 } } }] },
            { activity: { kind: EMERGENCY_ADMISSION, window: { lastMonths: 12 }, count: { atLeast: 1 } } },
            { not: { careFlag: { kind: END_OF_LIFE_REGISTER } } },
            { registerCount: { atLeast: 2 } }, { age: { atLeast: 18 } }, { pcn: "U00001" }, { practice: "J82001" }, { lsoa: "E01017139" },
            { nationalQuintiles: [1, 2] }, { localQuintiles: [1] },
            { bedDays: { window: { lastMonths: 12 }, days: { atLeast: 1 } } }, { daysSinceLastEmergencyAdmission: { atLeast: 30 } },
            { risk: { model: "emergency-admission-12m", minPercentile: 0 } }, { alive: true }, { sex: FEMALE }, { ethnicGroups: [WHITE] },
            { careFlag: { kind: CARE_PLAN } }
        ] }
        """;

    [Fact]
    public async Task Why_GivesEveryNodeWithTheMembersValueInWords()
    {
        var response = await fixture.Host.ExecuteAsync($"{{ evaluateCohort(criteria: {EveryKind}) {{ members {{ items {{ patient {{ id }} why {{ path criterion value held text }} }} }} }} }}");

        var member = Assert.Single(response.Data.GetProperty("evaluateCohort").GetProperty("members").GetProperty("items").EnumerateArray());
        var why = member.GetProperty("why").EnumerateArray().ToDictionary(l => l.GetProperty("path").GetString()!, l => (Text: l.GetProperty("text").GetString(), Held: l.GetProperty("held").GetBoolean()));
        Assert.Equal(Ann, member.GetProperty("patient").GetProperty("id").GetString());
        Assert.Equal(("Emergency admissions in the last 12 months: 1, at least 1", true), why["criteria.all[1].activity"]);
        Assert.Equal(("Bed days of admissions in the last 12 months: 3, at least 1", true), why["criteria.all[10].bedDays"]);
        Assert.Equal(("Days since the last emergency admission: 183 (admitted 2020-07-02), at least 30", true), why["criteria.all[11].daysSinceLastEmergencyAdmission"]);
        Assert.Equal(("Any of 2: 1 held: any[1]", true), why["criteria.all[0].any"]);
        Assert.Equal(("On heart failure register: no", false), why["criteria.all[0].any[0].register"]);
        Assert.Equal(("Not: the criterion below did not hold", true), why["criteria.all[2].not"]);
        Assert.Equal(("On the end of life care register: none recorded", false), why["criteria.all[2].not.careFlag"]);
        Assert.Equal(("Registers: 3 (hypertension, diabetes, COPD), at least 2", true), why["criteria.all[3].registerCount"]);
        Snapshot.Match(response.Indented);
    }

    [Fact]
    public async Task Why_OfAMemberMeetingANot_GivesTheValueThatDidNotHold()
    {
        var response = await fixture.Host.ExecuteAsync("""{ evaluateCohort(criteria: { not: { any: [{ alive: true }, { register: { register: ASTHMA } }] } }) { members { items { patient { id } why { text held } } } } }""");

        var member = Assert.Single(response.Data.GetProperty("evaluateCohort").GetProperty("members").GetProperty("items").EnumerateArray());
        Assert.Equal(Gus, member.GetProperty("patient").GetProperty("id").GetString());
        Assert.Equal(
            [("Not: the criterion below did not hold", true), ("Any of 2: 0 held", false), ("Alive: died 2020-12-02", false), ("On asthma register: no", false)],
            member.GetProperty("why").EnumerateArray().Select(l => (l.GetProperty("text").GetString(), l.GetProperty("held").GetBoolean())));
    }

    [Fact]
    public async Task Why_OfAPage_IsReadWithOneQueryPerKindOfPredicate_HoweverManyMembers()
    {
        const string Criteria = """{ all: [{ registerCount: { atMost: 5 } }, { activity: { kind: GP_APPOINTMENT, window: { lastMonths: 12 }, count: { atMost: 9 } } }, { careFlag: { kind: CARE_PLAN, present: false } }, { pcn: "U00002" }] }""";

        async Task<int> QueriesFor(int first)
        {
            fixture.Host.Commands.Reset();
            var response = await fixture.Host.ExecuteAsync($"{{ evaluateCohort(criteria: {Criteria}) {{ members(first: {first}) {{ items {{ why {{ held }} }} }} }} }}");
            Assert.Equal(first, response.Data.GetProperty("evaluateCohort").GetProperty("members").GetProperty("items").GetArrayLength());
            return fixture.Host.Commands.DataCommands.Count;
        }

        Assert.Equal(await QueriesFor(1), await QueriesFor(3));
    }
}
