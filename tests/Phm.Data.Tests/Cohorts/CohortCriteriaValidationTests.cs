using Phm.Data.Cohorts;
using Phm.Data.Patients;

namespace Phm.Data.Tests.Cohorts;

/// <summary>Every problem of criteria is found, each at its path in the tree (criteria written as their stored JSON).</summary>
public sealed class CohortCriteriaValidationTests
{
    [Theory]
    [InlineData("""{"sex":"FEMALE"}""")]
    [InlineData("""{"all":[{"age":{"atLeast":65}},{"not":{"careFlag":{"kind":"CARE_PLAN"}}}]}""")]
    [InlineData("""{"activity":{"kind":"AE_ATTENDANCE","window":{"lastMonths":12},"count":{"atLeast":5}}}""")]
    [InlineData("""{"activity":{"kind":"AE_ATTENDANCE","window":{"from":"2020-01-01","to":"2020-01-01"},"count":{"atLeast":0,"atMost":0}}}""")]
    [InlineData("""{"register":{"register":"HEART_FAILURE","onset":{"from":"2019-01-01"}}}""")]
    [InlineData("""{"risk":{"model":"emergency-admission-12m","tiers":["VERY_HIGH"],"minPercentile":0,"maxPercentile":100}}""")]
    [InlineData("""{"nationalQuintiles":[1,5]}""")]
    public void WellFormedCriteria_HaveNoProblems(string criteria) =>
        Assert.Empty(CohortCriteriaValidation.Problems(Read(criteria)));

    [Theory]
    [InlineData("""{}""", "criteria", "a criterion must set one of all, any, not or a predicate; this one sets none.")]
    [InlineData("""{"sex":"MALE","alive":true}""", "criteria", "a criterion sets exactly one of all, any, not or a predicate; this one sets 2: sex, alive. Combine them under all.")]
    [InlineData("""{"all":[{"sex":"MALE"},{"any":[]}]}""", "criteria.all[1].any", "'any' needs at least one criterion.")]
    [InlineData("""{"all":[]}""", "criteria.all", "'all' needs at least one criterion.")]
    [InlineData("""{"not":{}}""", "criteria.not", "a criterion must set one of all, any, not or a predicate; this one sets none.")]
    [InlineData("""{"activity":{"kind":"AE_ATTENDANCE","window":{"lastMonths":12,"from":"2020-01-01"},"count":{"atLeast":5}}}""", "criteria.activity.window", "give either lastMonths or from/to, not both.")]
    [InlineData("""{"activity":{"kind":"AE_ATTENDANCE","window":{},"count":{"atLeast":5}}}""", "criteria.activity.window", "give lastMonths, or from and/or to.")]
    [InlineData("""{"activity":{"kind":"AE_ATTENDANCE","count":{"atLeast":5}}}""", "criteria.activity.window", "give a window (lastMonths, or from and/or to).")]
    [InlineData("""{"bedDays":{"window":{"lastMonths":0},"days":{"atLeast":5}}}""", "criteria.bedDays.window.lastMonths", "a window is at least 1 month, not 0.")]
    [InlineData("""{"bedDays":{"window":{"lastMonths":1201},"days":{"atLeast":5}}}""", "criteria.bedDays.window.lastMonths", "a window reaches back at most 1200 months (100 years), not 1201.")]
    [InlineData("""{"register":{"register":"ASTHMA","onset":{"from":"2020-02-01","to":"2020-01-31"}}}""", "criteria.register.onset", "the window starts on 2020-02-01, after its end 2020-01-31.")]
    [InlineData("""{"age":{}}""", "criteria.age", "give atLeast, atMost or both.")]
    [InlineData("""{"age":{"atLeast":-1}}""", "criteria.age.atLeast", "an age cannot be negative (-1).")]
    [InlineData("""{"registerCount":{"atLeast":3,"atMost":2}}""", "criteria.registerCount", "atLeast (3) is greater than atMost (2): no value is in the range.")]
    [InlineData("""{"daysSinceLastEmergencyAdmission":{"atMost":40000}}""", "criteria.daysSinceLastEmergencyAdmission.atMost", "a number of days is at most 36,525, not 40000.")]
    [InlineData("""{"nationalQuintiles":[1,6]}""", "criteria.nationalQuintiles[1]", "a quintile is 1 (most deprived) to 5 (least deprived), not 6.")]
    [InlineData("""{"localQuintiles":[]}""", "criteria.localQuintiles", "name at least one quintile.")]
    [InlineData("""{"ethnicGroups":[]}""", "criteria.ethnicGroups", "name at least one ethnic group.")]
    [InlineData("""{"pcn":" "}""", "criteria.pcn", "a code cannot be blank.")]
    [InlineData("""{"risk":{"model":"emergency-admission-12m","minPercentile":101}}""", "criteria.risk.minPercentile", "a percentile is 0 to 100, not 101.")]
    [InlineData("""{"risk":{"model":"emergency-admission-12m","maxPercentile":-0.5}}""", "criteria.risk.maxPercentile", "a percentile is 0 to 100, not -0.5.")]
    [InlineData("""{"risk":{"model":"emergency-admission-12m","minPercentile":90,"maxPercentile":80}}""", "criteria.risk", "minPercentile (90) is greater than maxPercentile (80).")]
    [InlineData("""{"risk":{"model":"emergency-admission-12m","tiers":[]}}""", "criteria.risk.tiers", "name at least one tier, or leave tiers out to take every tier.")]
    public void AProblem_IsReportedAtItsPath(string criteria, string path, string message) =>
        Assert.Equal([new CriteriaProblem(path, message)], CohortCriteriaValidation.Problems(Read(criteria)));

    [Fact]
    public void EveryProblem_IsReported_NotJustTheFirst()
    {
        var problems = CohortCriteriaValidation.Problems(Read("""{"all":[{"any":[]},{"age":{"atLeast":-1,"atMost":-2}},{"not":{"nationalQuintiles":[0]}}]}"""));

        Assert.Equal(["criteria.all[0].any", "criteria.all[1].age.atLeast", "criteria.all[1].age.atMost", "criteria.all[1].age", "criteria.all[2].not.nationalQuintiles[0]"],
            problems.Select(p => p.Path));
    }

    [Fact]
    public void ATreeNestedDeeperThanTheLimit_IsRefusedAtTheFirstNodeTooDeep()
    {
        var criteria = new CohortCriteria { Sex = Sex.Female };
        for (var level = 1; level < CohortCriteriaValidation.MaxDepth; level++)
            criteria = CohortCriteria.NotOf(criteria);
        Assert.Empty(CohortCriteriaValidation.Problems(criteria));

        var problem = Assert.Single(CohortCriteriaValidation.Problems(CohortCriteria.NotOf(criteria)));

        Assert.Equal("criteria" + string.Concat(Enumerable.Repeat(".not", CohortCriteriaValidation.MaxDepth)), problem.Path);
        Assert.Equal("criteria nest at most 8 levels deep (all, any and not each add one); this one goes deeper.", problem.Message);
    }

    [Fact]
    public void ATreeWithMorePredicatesThanTheLimit_IsRefused()
    {
        var justEnough = CohortCriteria.AllOf(Enumerable.Range(0, CohortCriteriaValidation.MaxPredicates).Select(age => new CohortCriteria { Age = new NumberRange(age) }));
        Assert.Empty(CohortCriteriaValidation.Problems(justEnough));

        var problem = Assert.Single(CohortCriteriaValidation.Problems(justEnough with { All = [.. justEnough.All!, new CohortCriteria { Alive = true }] }));

        Assert.Equal(new CriteriaProblem("criteria", "the criteria hold 51 predicates; at most 50 are allowed. Save a smaller cohort, or split it into several."), problem);
    }

    [Fact]
    public void Leaves_AreThePredicatesWithTheirPaths_InTheOrderWritten()
    {
        var leaves = CohortCriteriaValidation.Leaves(Read("""{"all":[{"sex":"MALE"},{"any":[{"alive":true},{"not":{"pcn":"U00001"}}]}]}"""));

        Assert.Equal(["criteria.all[0]", "criteria.all[1].any[0]", "criteria.all[1].any[1].not"], leaves.Select(l => l.Path));
    }

    private static CohortCriteria Read(string criteria) => CohortCriteriaJson.Read($$"""{"version":1,"criteria":{{criteria}}}""");
}
