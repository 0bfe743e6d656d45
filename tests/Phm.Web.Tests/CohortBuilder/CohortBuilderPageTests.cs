using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Phm.Web.CohortBuilder;
using Phm.Web.Hub;

namespace Phm.Web.Tests.CohortBuilder;

public sealed class CohortBuilderPageTests : BunitContext
{
    private const string Counted = """{"data":{"evaluateCohort":{"count":120,"countSuppression":null}}}""";

    private const string Profile = """
        {"data":{"evaluateCohort":{"characterisation":{
          "ageBandsBySex":[{"ageBand":"AGE_65_TO_74","sex":"FEMALE","patients":null,"percentage":null,"suppression":"SMALL_COUNT"}],
          "deprivation":{"byNationalQuintile":[{"quintile":1,"patients":60,"percentage":50.0,"suppression":null}]},
          "topRegisters":[{"register":"DIABETES","patients":120,"percentage":100.0,"suppression":null}],
          "riskTiers":[]}}}}
        """;

    private const string Suppressed = """{"data":{"evaluateCohort":{"count":null,"countSuppression":"SMALL_COUNT"}}}""";

    // The builder counts after a real pause (the debounce) and the hub's answers arrive on the thread pool, which the test classes'
    // blocking waits share: on 2 busy cores that can take longer than bUnit's default second. A wait that passes returns at once.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeHub _hub = new();

    public CohortBuilderPageTests()
    {
        Services.AddSingleton<IPhmHub>(_hub);
        _hub.Answer("AnalysisPcns", """{"data":{"pcns":[{"code":"U97340","name":"BITTERNE PCN"}]}}""")
            .Answer("CohortBuilderProfile", Profile)
            .Answer("CohortBuilderPlaces", """
                {"data":{"pcns":[{"code":"U97340","name":"BITTERNE PCN"},{"code":"U12345","name":"WEST PCN"}],
                 "practices":[{"code":"J82101","name":"THE PEARTREE PRACTICE","pcn":{"code":"U97340"}},{"code":"J82040","name":"WEST END ROAD SURGERY","pcn":{"code":"U97340"}},
                              {"code":"J82999","name":"A WEST PRACTICE","pcn":{"code":"U12345"}}],
                 "lsoas":[{"code":"E01017139","name":"Southampton 001A"}]}}
                """);
    }

    [Fact]
    public async Task APracticeCondition_OffersAClinicianTheirPcnsPracticesOnly_AndCountsWithTheChosenCode()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("CohortBuilderCount", Counted);
        var page = Render<CohortBuilderPage>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=cohort-count]").GetAttribute("data-evaluation")), Patience);

        await page.InvokeAsync(() => page.Find("select[id$=-add]").Change(nameof(PredicateKind.Practice)));
        await page.InvokeAsync(() => page.Find("button:contains('Add condition')").Click());
        var practice = page.Find("[data-kind=Practice] select");
        Assert.Equal(["THE PEARTREE PRACTICE (J82101)", "WEST END ROAD SURGERY (J82040)"], practice.QuerySelectorAll("option").Select(o => o.TextContent));
        await page.InvokeAsync(() => page.Find("[data-kind=Practice] select").Change("J82040"));

        page.WaitForAssertion(() => Assert.Equal(
            """{"all":[{"register":{"register":"DIABETES"}},{"practice":"J82040"}]}""",
            Criteria(_hub.VariablesOf("CohortBuilderCount").Last())), Patience);
    }

    [Fact]
    public async Task EthnicGroupsAliveAndAnUpperPercentile_HaveForms()
    {
        this.SignInAs("analyst");
        _hub.Answer("CohortBuilderCount", Counted);
        var page = Render<CohortBuilderPage>();
        var evaluations = 1;
        // Each edit is made once the count it set off is on screen, and on the renderer's own thread: the profile asked for after
        // the count may re-render the form at any moment, which would leave an element found before it without its handler.
        async Task Then(Action edit)
        {
            page.WaitForAssertion(() => Assert.Equal(evaluations.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=cohort-count]").GetAttribute("data-evaluation")), Patience);
            await page.InvokeAsync(edit);
            evaluations++;
        }
        foreach (var kind in new[] { PredicateKind.EthnicGroups, PredicateKind.Alive, PredicateKind.Risk })
        {
            await Then(() =>
            {
                page.Find("select[id$=-add]").Change(kind.ToString());
                page.Find("button:contains('Add condition')").Click();
            });
        }

        await Then(() => page.Find("[data-kind=EthnicGroups] label:contains('Black or Black British') input").Change(true));
        await Then(() => page.Find("[data-kind=Alive] select").Change("no"));
        await Then(() => page.Find("[data-kind=Risk] input[id$=-max-percentile]").Input("50"));

        page.WaitForAssertion(() => Assert.Equal(
            """{"all":[{"register":{"register":"DIABETES"}},{"ethnicGroups":["BLACK","WHITE"]},{"alive":false},"""
            + """{"risk":{"model":"emergency-admission-12m","tiers":["HIGH","VERY_HIGH"],"maxPercentile":50}}]}""",
            Criteria(_hub.VariablesOf("CohortBuilderCount").Last())), Patience);
    }

    [Fact]
    public void OnOpening_ItCountsTheStartingCriteria_AndShowsWhoIsInIt()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("CohortBuilderCount", Counted);

        var page = Render<CohortBuilderPage>();

        page.WaitForAssertion(() => Assert.Contains("120 patients meet the criteria", Text(page.Find("[data-testid=cohort-count]")), StringComparison.Ordinal), Patience);
        Assert.Equal("""{"all":[{"register":{"register":"DIABETES"}}]}""", Criteria(_hub.VariablesOf("CohortBuilderCount").Single()));
        // Who they are is asked for after the count, with the same criteria.
        page.WaitForAssertion(() => Assert.Contains("suppressed (fewer than 8)", page.Find("[data-testid=cohort-profile]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(Criteria(_hub.VariablesOf("CohortBuilderCount").Single()), Criteria(_hub.VariablesOf("CohortBuilderProfile").Single()));
        Assert.Empty(page.FindAll("#cohort-pcn")); // a clinician's cohort is for their own PCN
    }

    [Fact]
    public async Task Editing_CountsAgainOnceTheEditsPause_WithTheCriteriaAsTheyNowAre()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("CohortBuilderCount", Counted);
        var page = Render<CohortBuilderPage>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=cohort-count]").GetAttribute("data-evaluation")), Patience);

        await page.InvokeAsync(() => page.Find("select[id$=-add]").Change(nameof(PredicateKind.Age)));
        await page.InvokeAsync(() => page.Find("button:contains('Add condition')").Click());
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=cohort-count]").GetAttribute("data-evaluation")), Patience);
        await page.InvokeAsync(() => page.Find("input[id$=-at-least]").Input("80"));
        await page.InvokeAsync(() => page.Find("input[id$=-at-least]").Input("85"));

        page.WaitForAssertion(() => Assert.Equal(
            """{"all":[{"register":{"register":"DIABETES"}},{"age":{"atLeast":85}}]}""",
            Criteria(_hub.VariablesOf("CohortBuilderCount").Last())), Patience);
        // On opening, on adding the condition, then once for the two quick edits, after the pause.
        Assert.Equal(3, _hub.VariablesOf("CohortBuilderCount").Count());
        Assert.NotNull(page.Find("[data-testid=count-time]").GetAttribute("data-milliseconds"));
    }

    [Fact]
    public void ForAnAnalyst_ASmallCountIsShownAsSuppressed_NeverAsZero()
    {
        this.SignInAs("analyst");
        _hub.Answer("CohortBuilderCount", Suppressed);

        var page = Render<CohortBuilderPage>();

        page.WaitForAssertion(() => Assert.Contains("suppressed (fewer than 8) patients meet the criteria", Text(page.Find("[data-testid=cohort-count]")), StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(">0<", page.Find("[data-testid=cohort-count]").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_SendsTheCriteriaAsVersionedJson_AndSaysWhichVersionWasSaved()
    {
        this.SignInAs("analyst");
        _hub.Answer("CohortBuilderCount", Counted)
            .Answer("CohortBuilderSave", """{"data":{"saveCohort":{"id":"diabetes-in-bitterne","version":1,"name":"Diabetes in Bitterne"}}}""");
        var page = Render<CohortBuilderPage>();

        await page.InvokeAsync(() => page.Find("#cohort-name").Change("Diabetes in Bitterne"));
        await page.InvokeAsync(() => page.Find("#cohort-pcn").Change("U97340"));
        await page.InvokeAsync(() => page.Find("form").Submit());

        var input = _hub.VariablesOf("CohortBuilderSave").Single().GetProperty("input");
        Assert.Equal("Diabetes in Bitterne", input.GetProperty("name").GetString());
        Assert.Equal("U97340", input.GetProperty("pcn").GetString());
        Assert.Equal("""{"all":[{"register":{"register":"DIABETES"}}]}""", input.GetProperty("criteria").GetRawText());
        Assert.Contains("Saved Diabetes in Bitterne as version 1", page.Find("[data-testid=cohort-saved]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASavedCohort_OpensWithItsCriteria_AndSavingRevisesIt()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("CohortBuilderLoad", """
                {"data":{"cohort":{"id":"bitterne-hiu-heart-failure","version":2,"name":"HF frequent attenders","description":"For the huddle",
                 "criteriaJson":"{\"version\":1,\"criteria\":{\"all\":[{\"register\":{\"register\":\"HEART_FAILURE\"}},{\"activity\":{\"kind\":\"AE_ATTENDANCE\",\"window\":{\"lastMonths\":12},\"count\":{\"atLeast\":5}}}]}}",
                 "builtIn":false,"pcn":{"code":"U97340"}}}}
                """)
            .Answer("CohortBuilderCount", Counted)
            .Answer("CohortBuilderRevise", """{"data":{"reviseCohort":{"id":"bitterne-hiu-heart-failure","version":3,"name":"HF frequent attenders"}}}""");

        var page = Render<CohortBuilderPage>(p => p.Add(c => c.CohortId, "bitterne-hiu-heart-failure"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=predicate]").Count), Patience);
        await page.InvokeAsync(() => page.Find("form").Submit());

        var revision = _hub.VariablesOf("CohortBuilderRevise").Single();
        Assert.Equal("bitterne-hiu-heart-failure", revision.GetProperty("id").GetString());
        Assert.Equal("""{"all":[{"register":{"register":"HEART_FAILURE"}},{"activity":{"kind":"AE_ATTENDANCE","window":{"lastMonths":12},"count":{"atLeast":5}}}]}""",
            revision.GetProperty("input").GetProperty("criteria").GetRawText());
        Assert.Contains("as version 3", page.Find("[data-testid=cohort-saved]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_WithoutAName_AsksForOne_AndSavesNothing()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("CohortBuilderCount", Counted);
        var page = Render<CohortBuilderPage>();

        await page.InvokeAsync(() => page.Find("form").Submit());

        Assert.Contains("Give the cohort a name", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_hub.VariablesOf("CohortBuilderSave"));
    }

    [Fact]
    public void CriteriaTheHubRefuses_ShowItsReasonWithThePath()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("CohortBuilderCount", """
            {"errors":[{"message":"Argument 'criteria.all[0].age' is invalid: give atLeast, atMost or both.","extensions":{"code":"COHORT_CRITERIA_INVALID"}}],"data":null}
            """);

        var page = Render<CohortBuilderPage>();

        page.WaitForAssertion(() => Assert.Contains("criteria.all[0].age", page.Find("[role=alert]").TextContent, StringComparison.Ordinal), Patience);
    }

    /// <summary>The element's text as a reader sees it: runs of white space as one space.</summary>
    private static string Text(AngleSharp.Dom.IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    private static string Criteria(JsonElement variables) => variables.GetProperty("criteria").GetRawText();
}
