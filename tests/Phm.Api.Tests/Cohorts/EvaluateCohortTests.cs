using Microsoft.EntityFrameworkCore;
using Phm.Data.Risk;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>
/// evaluateCohort over the hand-made population (<see cref="SampleData"/>, reference date 1 January 2021), each count worked out
/// by hand: Ann 64 F (North, deprived; hypertension, diabetes, COPD; an A&amp;E attendance and a 3-night emergency admission on
/// 2 July 2020; a care plan), Bob 31 M (asthma resolved), Cat 10 F (asthma), Dan 80 M (Central, Eastleigh; hypertension,
/// heart failure, AF; a 12-night emergency admission on 1 October 2020; housebound, end of life), Eve 46 F (Gamma, in no PCN;
/// hypertension, diabetes diagnosed July 2020), Fin 20 M (asthma), Gus 90 M (died December 2020; dementia).
/// </summary>
public sealed class EvaluateCohortTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Theory]
    [InlineData("{ age: { atLeast: 65 } }", new[] { Dan, Gus })]
    [InlineData("{ age: { atLeast: 20, atMost: 31 } }", new[] { Bob, Fin })]
    [InlineData("{ sex: FEMALE }", new[] { Cat, Eve, Ann })]
    [InlineData("{ ethnicGroups: [WHITE, BLACK] }", new[] { Dan, Eve, Ann, Gus })]
    [InlineData("{ pcn: \"" + North + "\" }", new[] { Bob, Ann, Gus })]
    [InlineData("{ pcn: \"" + Central + "\" }", new[] { Dan, Fin, Cat })]
    [InlineData("{ practice: \"" + Gamma + "\" }", new[] { Eve })]
    [InlineData("{ lsoa: \"" + Deprived + "\" }", new[] { Fin, Eve, Ann })]
    [InlineData("{ nationalQuintiles: [2, 4] }", new[] { Bob, Dan, Gus })]
    [InlineData("{ localQuintiles: [3, 5] }", new[] { Bob, Cat, Gus })]        // Dan lives outside the local authority: no local quintile
    [InlineData("{ register: { register: HYPERTENSION } }", new[] { Dan, Eve, Ann })]
    [InlineData("{ register: { register: ASTHMA } }", new[] { Fin, Cat })]      // Bob's was resolved
    [InlineData("{ register: { register: DIABETES, onset: { lastMonths: 12 } } }", new[] { Eve })]
    [InlineData("{ register: { register: DIABETES, onset: { to: \"2019-12-31\" } } }", new[] { Ann })]
    [InlineData("{ registerCount: { atLeast: 2 } }", new[] { Dan, Eve, Ann })]
    [InlineData("{ registerCount: { atMost: 0 } }", new[] { Bob })]            // Cat's depression is below the register age, Gus keeps dementia
    [InlineData("{ activity: { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 1 } } }", new[] { Ann })]
    [InlineData("{ activity: { kind: GP_APPOINTMENT, window: { lastMonths: 12 }, count: { atLeast: 2 } } }", new[] { Ann })]
    [InlineData("{ activity: { kind: GP_APPOINTMENT, window: { lastMonths: 11 }, count: { atLeast: 2 } } }", new string[0])]   // 10 January 2020 is before the window
    [InlineData("{ activity: { kind: GP_APPOINTMENT, window: { from: \"2020-06-01\", to: \"2020-06-01\" }, count: { atLeast: 1 } } }", new[] { Ann })]
    [InlineData("{ activity: { kind: AMBULANCE, window: { lastMonths: 12 }, count: { atMost: 0 } } }", new[] { Bob, Fin, Cat, Eve, Ann, Gus })]
    [InlineData("{ bedDays: { window: { lastMonths: 12 }, days: { atLeast: 3 } } }", new[] { Dan, Ann })]
    [InlineData("{ bedDays: { window: { lastMonths: 12 }, days: { atLeast: 4 } } }", new[] { Dan })]
    [InlineData("{ daysSinceLastEmergencyAdmission: { atMost: 92 } }", new[] { Dan })]        // 1 October 2020 is 92 days back
    [InlineData("{ daysSinceLastEmergencyAdmission: { atMost: 91 } }", new string[0])]
    [InlineData("{ daysSinceLastEmergencyAdmission: { atLeast: 100 } }", new[] { Ann })]      // never admitted: no number of days
    [InlineData("{ careFlag: { kind: CARE_PLAN } }", new[] { Ann })]
    [InlineData("{ careFlag: { kind: END_OF_LIFE_REGISTER, present: false } }", new[] { Bob, Fin, Cat, Eve, Ann, Gus })]
    [InlineData("{ alive: false }", new[] { Gus })]
    [InlineData("{ all: [{ sex: FEMALE }, { register: { register: HYPERTENSION } }] }", new[] { Eve, Ann })]
    [InlineData("{ any: [{ pcn: \"" + Central + "\" }, { practice: \"" + Gamma + "\" }] }", new[] { Dan, Fin, Cat, Eve })]
    [InlineData("{ not: { alive: true } }", new[] { Gus })]
    [InlineData("{ all: [{ any: [{ register: { register: HEART_FAILURE } }, { register: { register: DIABETES } }] }, { not: { careFlag: { kind: CARE_PLAN } } }] }", new[] { Dan, Eve })]
    [InlineData("{ not: { any: [{ sex: FEMALE }, { age: { atLeast: 65 } }] } }", new[] { Bob, Fin })]
    public async Task Criteria_CountAndListTheMembersWorkedOutByHand_EachExplainedAsMeetingThem(string criteria, string[] expected)
    {
        var response = await fixture.Host.ExecuteAsync($"{{ evaluateCohort(criteria: {criteria}) {{ count members {{ totalCount items {{ patient {{ id }} why {{ path held }} }} }} }} }}");

        var evaluation = response.Data.GetProperty("evaluateCohort");
        var members = evaluation.GetProperty("members").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Length, evaluation.GetProperty("count").GetInt32());
        Assert.Equal(expected.Length, evaluation.GetProperty("members").GetProperty("totalCount").GetInt32());
        Assert.Equal(expected, members.Select(i => i.GetProperty("patient").GetProperty("id").GetString()!));
        // The first line is the whole tree's: its value must agree with the SQL that chose the member.
        Assert.All(members, m => Assert.True(m.GetProperty("why")[0].GetProperty("held").GetBoolean(), m.ToString()));
    }

    [Fact]
    public async Task ARiskCriterion_CountsThePatientsWhoseScoresMatch()
    {
        await using var db = fixture.OpenContext();
        var expected = await db.RiskScores.Where(s => s.Model == TestRiskScores.Admission && (s.Tier == RiskTier.VeryHigh || s.Percentile >= 50)).CountAsync();
        Assert.InRange(expected, 1, 5);

        var response = await fixture.Host.ExecuteAsync($$"""{ evaluateCohort(criteria: { any: [{ risk: { model: "{{TestRiskScores.Admission}}", tiers: [VERY_HIGH] } }, { risk: { model: "{{TestRiskScores.Admission}}", minPercentile: 50 } }] }) { count } }""");

        Assert.Equal(expected, response.Data.GetProperty("evaluateCohort").GetProperty("count").GetInt32());
    }
}
