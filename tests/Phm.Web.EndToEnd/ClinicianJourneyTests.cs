using System.Text.RegularExpressions;

namespace Phm.Web.EndToEnd;

/// <summary>A clinician of North PCN: its One Team cohort (end of life) has members at the test population.</summary>
[Collection(WebAppCollection.Name)]
public partial class ClinicianJourneyTests(WebAppFixture app)
{
    private const string North = "U91385";
    private const string West = "U47004";

    [SkippableFact]
    public async Task Clinician_OpensTheOneTeamWorklist_ThenAMember_AndSeesWhy()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.SignInAsync("clinician", North);

        await page.OpenAsync("worklists");
        await page.Locator("a[href='worklists/north-end-of-life']").ClickAsync();
        var firstMember = page.Locator("tbody tr").First;
        await Assertions.Expect(firstMember.Locator("ul.why li").First).ToHaveTextAsync(MetLine());
        app.Report("worklist: " + await WebAppFixture.ScreenshotAsync(page, "worklist"));
        await page.AssertNoSeriousViolationsAsync();

        var pseudonym = await firstMember.Locator("th a").InnerTextAsync();
        await firstMember.Locator("th a").ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(pseudonym);
        await Assertions.Expect(page.GetByText("What raised or lowered the score most").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main ol li").First).ToContainTextAsync(RaisesOrLowers());
        app.Report("patient summary: " + await WebAppFixture.ScreenshotAsync(page, "patient-summary"));
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableFact]
    public async Task Clinician_CannotOpenAnotherPcnsPatient_ByUrl()
    {
        var hub = new HubApi(app.Hub.Address);
        var westToken = await hub.TokenAsync("clinician", West);
        var westPatient = (await hub.QueryAsync(westToken, "{ patients(first: 1) { edges { node { id } } } }"))
            .GetProperty("patients").GetProperty("edges")[0].GetProperty("node").GetProperty("id").GetString()!;
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.SignInAsync("clinician", North);

        await page.OpenAsync("patients/" + Uri.EscapeDataString(westPatient));

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not found or not yours");
        await Assertions.Expect(page.GetByText("What raised or lowered the score most")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("dl.figures")).ToHaveCountAsync(0);
        app.Report("another PCN's patient: " + await WebAppFixture.ScreenshotAsync(page, "patient-of-another-pcn"));
    }

    [SkippableFact]
    public async Task Clinician_OverviewAndSignInPages_HaveNoSeriousAccessibilityViolations()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("account/sign-in");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Sign in");
        app.Report("sign-in: " + await WebAppFixture.ScreenshotAsync(page, "sign-in"));
        await page.AssertNoSeriousViolationsAsync();

        await page.SignInAsync("clinician", North);
        app.Report("start: " + await WebAppFixture.ScreenshotAsync(page, "start"));
        await page.AssertNoSeriousViolationsAsync();
        await page.OpenAsync("overview");
        await Assertions.Expect(page.Locator("main table").First).ToBeVisibleAsync();
        app.Report("overview: " + await WebAppFixture.ScreenshotAsync(page, "overview"));
        await page.AssertNoSeriousViolationsAsync();
        await page.OpenAsync("worklists");
        await Assertions.Expect(page.Locator("a[href='worklists/north-end-of-life']")).ToBeVisibleAsync();
        app.Report("worklists: " + await WebAppFixture.ScreenshotAsync(page, "worklists"));
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>
    /// The builder counts as the criteria change (timed from the keystroke to the new count on screen), saves a cohort of
    /// the PCN's adults, and that cohort opens as a worklist of 500 members a page (timed to the last row shown).
    /// </summary>
    [SkippableFact]
    public async Task Builder_CountsAsYouEdit_AndItsSavedCohortOpensAsAWorklistOf500()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.SignInAsync("clinician", North);
        await page.OpenAsync("cohorts/builder");
        var count = page.GetByTestId("cohort-count");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-evaluation", "1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the condition On a register" }).ClickAsync();
        await Assertions.Expect(count).ToHaveAttributeAsync("data-evaluation", "2");
        await page.Locator("select[id$='-add']").SelectOptionAsync("Age");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await Assertions.Expect(count).ToHaveAttributeAsync("data-evaluation", "3");
        var refresh = await Journeys.TimeAsync(async () =>
        {
            await page.Locator("input[id$='-at-least']").FillAsync("18");
            await Assertions.Expect(count).ToHaveAttributeAsync("data-evaluation", "4");
        });
        var counted = await page.GetByTestId("count-time").GetAttributeAsync("data-milliseconds");
        app.Report($"builder count refresh: {refresh.TotalMilliseconds:0} ms from the keystroke to the new count on screen " +
            $"(including the builder's debounce; the hub's evaluateCohort round trip {counted} ms); " +
            $"count: {await count.InnerTextAsync()}");
        await Assertions.Expect(count).ToContainTextAsync("patients meet the criteria");
        app.Report("cohort builder: " + await WebAppFixture.ScreenshotAsync(page, "cohort-builder"));
        await page.AssertNoSeriousViolationsAsync();

        await page.Locator("#cohort-name").FillAsync("Adults of North (e2e)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new cohort" }).ClickAsync();
        var saved = page.GetByTestId("cohort-saved");
        await Assertions.Expect(saved).ToContainTextAsync("as version 1");
        var id = await saved.Locator("code").InnerTextAsync();

        await page.OpenAsync("worklists/" + id);
        await Assertions.Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        var rows = 0;
        var interactive = await Journeys.TimeAsync(async () =>
        {
            await page.Locator("select#page-size").SelectOptionAsync("500");
            await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(500);
            rows = await page.Locator("tbody tr").CountAsync();
            // Interactive: the page answers a click again (its circuit is free to handle events).
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeEnabledAsync();
        });
        app.Report($"worklist of {rows} members: interactive {interactive.TotalMilliseconds:0} ms after choosing 500 a page");
        app.Report("worklist of 500: " + await WebAppFixture.ScreenshotAsync(page, "worklist-500"));
    }

    [GeneratedRegex("^(Met|Not met): ")]
    private static partial Regex MetLine();

    [GeneratedRegex("(raises|lowers) the risk")]
    private static partial Regex RaisesOrLowers();
}
