namespace Phm.Web.EndToEnd;

/// <summary>
/// The app on a tablet (768 px wide) and with the keyboard alone: a clinician reaches a worklist and filters it with Tab, Space
/// and Enter only; the pages fit the width (tables scroll inside their own box) and axe finds no serious violation.
/// </summary>
[Collection(WebAppCollection.Name)]
public class KeyboardAndTabletTests(WebAppFixture app)
{
    private const string North = "U91385";

    private static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };

    [SkippableFact]
    public async Task OnATablet_AClinician_FiltersAWorklist_WithTheKeyboardAlone()
    {
        await using var session = await app.OpenAsync(Tablet);
        var page = session.Page;
        await page.SignInAsync("clinician", North);
        await page.OpenAsync("worklists");

        // Once interactive, the app puts the focus on the page's heading (FocusOnNavigate); a Tab pressed before or after that
        // starts from a different place, so the test waits for it. The skip link comes before the heading: back to it, by keyboard.
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        for (var presses = 0; presses < 20 && await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") != "Skip to main content"; presses++)
            await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to main content");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();

        await TabToAsync(page, page.Locator("a[href='worklists/north-end-of-life']"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();

        await TabToAsync(page, page.Locator("fieldset.choice-set:has(legend:text-is('Emergency admission risk tier')) input").First);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Apply the filter" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("caption")).ToContainTextAsync("filtered: very high risk");
        await Assertions.Expect(page.Locator("a[download]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("tier=VERY_HIGH"));

        await AssertFitsTheWidthAsync(page);
        app.Report("worklist filtered by keyboard, tablet: " + await WebAppFixture.ScreenshotAsync(page, "tablet-worklist-filtered"));
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableFact]
    public async Task OnATablet_ThePages_FitTheWidth_WithNoSeriousViolations()
    {
        await using var session = await app.OpenAsync(Tablet);
        var page = session.Page;
        await page.SignInAsync("clinician", North);
        foreach (var (path, name) in new[] { ("overview", "tablet-overview"), ("cohorts/builder", "tablet-cohort-builder") })
        {
            await page.OpenAsync(path);
            await Assertions.Expect(page.Locator("main table").First).ToBeVisibleAsync();
            await AssertFitsTheWidthAsync(page);
            app.Report($"{path}, tablet: " + await WebAppFixture.ScreenshotAsync(page, name));
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (a bounded number of times), as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int most = 60)
    {
        for (var presses = 0; presses < most; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{target} took no focus in {most} presses of Tab (focus on: {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120)")}).");
    }

    /// <summary>The page scrolls only down: nothing runs past the viewport's width (wide tables scroll in their own box).</summary>
    private static async Task AssertFitsTheWidthAsync(IPage page)
    {
        var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scrollWidth <= viewport, $"{page.Url} is {scrollWidth} px wide in a {viewport} px viewport");
    }
}
