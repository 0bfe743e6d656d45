using Phm.Web.Hub;
using Phm.Web.Worklists;
using Microsoft.Extensions.DependencyInjection;

namespace Phm.Web.Tests.Worklists;

public sealed class WorklistPageTests : BunitContext
{
    private const string CohortId = "bitterne-hiu-heart-failure";
    private readonly FakeHub _hub = new();

    public WorklistPageTests()
    {
        Services.AddSingleton<IPhmHub>(_hub);
        _hub.AnswerRecorded("WorklistMembers", "WorklistMembers.json")
            .AnswerRecorded("WorklistCohorts", "WorklistCohorts.json");
    }

    [Fact]
    public void Members_ShowAgeBandPracticeQuintilesRiskAndWhy()
    {
        var page = RenderWorklist();

        var rows = page.FindAll("tbody tr");
        Assert.Equal(3, rows.Count);
        var first = rows[0].TextContent;
        Assert.Contains("3ba7ad0ba490f2ab4840b7ca5298049b", first, StringComparison.Ordinal);
        Assert.Contains("65–74", first, StringComparison.Ordinal);
        Assert.Contains("WEST END ROAD SURGERY", first, StringComparison.Ordinal);
        Assert.Contains("1 (most deprived), 1 (most deprived)", first, StringComparison.Ordinal);
        Assert.Contains("Very high", first, StringComparison.Ordinal);
        Assert.Contains("95.9%", first, StringComparison.Ordinal);
        Assert.Equal(
            ["Met: PCN: U97340, must be U97340", "Met: Alive: alive", "Met: On heart failure register: since 2010-03-12", "Met: A&E attendances in the last 12 months: 10, at least 5"],
            rows[0].QuerySelectorAll(".why li").Select(li => li.TextContent));
        Assert.Equal("patients/3ba7ad0ba490f2ab4840b7ca5298049b", rows[0].QuerySelector("th a")!.GetAttribute("href"));
    }

    [Fact]
    public void AMemberLivingOutsideTheCity_HasNoLocalQuintile_AndSaysSo()
    {
        var page = RenderWorklist();

        Assert.Contains("outside the city, 4", page.FindAll("tbody tr")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstPage_IsAskedInRiskOrder_FiftyAtATime_ByTheEmergencyAdmissionModel()
    {
        RenderWorklist();

        var asked = Assert.Single(_hub.VariablesOf("WorklistMembers"));
        Assert.Equal(
            """{"id":"bitterne-hiu-heart-failure","first":50,"after":null,"orderBy":"RISK_DESC","model":"emergency-admission-12m","filter":null,"enteredSince":null,"filtered":false}""",
            asked.GetRawText());
    }

    [Fact]
    public void NextPage_StartsAfterTheEndCursor_AndPreviousPageGoesBackToTheStart()
    {
        var page = RenderWorklist();

        page.FindAll(".pager button")[1].Click();
        page.FindAll(".pager button")[0].Click();

        Assert.Equal(
            ["null", "\"cGF0aWVudC1yaXNrOmVtZXJnZW5jeS1hZG1pc3Npb24tMTJtOjU2\"", "null"],
            _hub.VariablesOf("WorklistMembers").Select(v => v.GetProperty("after").GetRawText()));
    }

    [Fact]
    public void ChangingTheOrder_AsksForTheFirstPageInThatOrder()
    {
        var page = RenderWorklist();

        page.Find("select#order").Change(MemberOrders.Impactability);

        var last = _hub.VariablesOf("WorklistMembers").Last();
        Assert.Equal((MemberOrders.Impactability, "null"), (last.GetProperty("orderBy").GetString(), last.GetProperty("after").GetRawText()));
        Assert.Equal("worklists/bitterne-hiu-heart-failure/export.csv?orderBy=IMPACTABILITY_DESC", page.Find("a[download]").GetAttribute("href"));
    }

    [Fact]
    public void ApplyingAFilter_AsksTheHubForTheFilteredMembersFromTheFirstPage_AndTheCsvLinkCarriesIt()
    {
        var page = RenderWorklist();

        page.Find("select#filter-practice").Change("J82101");
        page.Find("select#filter-age").Change("AGE_85_AND_OVER");
        Tick(page, "Emergency admission risk tier", "Very high");
        Tick(page, "National quintile", "1 (most deprived)");
        page.Find("input#filter-entered").Change(true);
        page.Find("form.worklist-filter").Submit();

        var last = _hub.VariablesOf("WorklistMembers").Last();
        Assert.Equal(
            """{"all":[{"practice":"J82101"},{"risk":{"model":"emergency-admission-12m","tiers":["VERY_HIGH"]}},{"nationalQuintiles":[1]},{"age":{"atLeast":85,"atMost":null}}]}""",
            last.GetProperty("filter").GetRawText());
        Assert.Equal(("2026-12-02T08:17:40.786+00:00", true, "null"),
            (last.GetProperty("enteredSince").GetString(), last.GetProperty("filtered").GetBoolean(), last.GetProperty("after").GetRawText()));
        Assert.Equal(
            "worklists/bitterne-hiu-heart-failure/export.csv?orderBy=RISK_DESC&practice=J82101&tier=VERY_HIGH&national=1&age=AGE_85_AND_OVER&enteredSince=2026-12-02T08%3A17%3A40.7860000%2B00%3A00",
            page.Find("a[download]").GetAttribute("href"));
        Assert.Contains("filtered: at THE PEARTREE PRACTICE, very high risk, national quintile 1, aged 85+, entered since the review of", page.Find("caption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearingTheFilter_AsksForEveryMemberAgain()
    {
        var page = RenderWorklist();
        Tick(page, "Local quintile", "5 (least deprived)");
        page.Find("form.worklist-filter").Submit();

        page.FindAll("form.worklist-filter button").Single(b => b.TextContent == "Clear the filter").Click();

        Assert.Equal(["null", """{"all":[{"localQuintiles":[5]}]}""", "null"], _hub.VariablesOf("WorklistMembers").Select(v => v.GetProperty("filter").GetRawText()));
    }

    private static void Tick(IRenderedComponent<WorklistPage> page, string legend, string choice) =>
        page.FindAll("fieldset.choice-set").Single(f => f.QuerySelector("legend")!.TextContent == legend)
            .QuerySelectorAll("label").Single(l => l.TextContent.Trim() == choice).QuerySelector("input")!.Change(true);

    [Fact]
    public void BeforeAnyReview_SaysThatTheNextReviewListsTheChanges_AndAsksForNone()
    {
        var page = RenderWorklist();

        Assert.Contains("No review has been recorded yet", page.Find("#changes-heading").ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Empty(_hub.VariablesOf("WorklistChanges"));
    }

    [Fact]
    public void AfterReviews_ListsWhoEnteredAndWhoLeft_SinceTheReviewBeforeTheLatest()
    {
        _hub.Answer("WorklistCohorts", """{"data":{"cohorts":[{"id":"bitterne-hiu-heart-failure","name":"n","description":null,"builtIn":true,"version":1,"pcn":null,"latestEvaluation":{"count":8,"evaluatedAt":"2026-12-02T08:17:40.786+00:00"}}]}}""");
        _hub.Answer("WorklistChanges", """
            {"data":{"cohortChanges":{"from":{"evaluatedAt":"2026-11-02T08:00:00+00:00","count":7},"to":{"evaluatedAt":"2026-12-02T08:17:40.786+00:00","count":8},
             "enteredCount":2,"leftCount":1,
             "entered":[{"id":"aaa","ageBand":"AGE_75_TO_84","practice":{"name":"WEST END ROAD SURGERY"}},{"id":"bbb","ageBand":"AGE_85_AND_OVER","practice":{"name":"THE PEARTREE PRACTICE"}}],
             "left":[{"id":"ccc","ageBand":"AGE_65_TO_74","practice":{"name":"WEST END ROAD SURGERY"}}]}}}
            """);

        var page = RenderWorklist();

        var changes = page.Find("#changes-heading").ParentElement!;
        Assert.Contains("2 entered", changes.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 left", changes.TextContent, StringComparison.Ordinal);
        Assert.Equal(["aaa", "bbb", "ccc"], changes.QuerySelectorAll("li a").Select(a => a.TextContent));
        Assert.Equal("\"2026-12-02T08:17:40.7859999+00:00\"", Assert.Single(_hub.VariablesOf("WorklistChanges")).GetProperty("since").GetRawText());
    }

    [Fact]
    public void ACohortTheHubRefuses_ShowsTheHubsReason_AndNoMembers()
    {
        _hub.Answer("WorklistMembers", """{"errors":[{"message":"Cohort 'other' belongs to another PCN.","extensions":{"code":"FORBIDDEN"}}],"data":{"cohort":null}}""");

        var page = RenderWorklist();

        Assert.Equal("Cohort 'other' belongs to another PCN.", page.Find("[role=alert]").TextContent.Trim());
        Assert.Empty(page.FindAll("table"));
    }

    private IRenderedComponent<WorklistPage> RenderWorklist() => Render<WorklistPage>(parameters => parameters.Add(p => p.Id, CohortId));
}
