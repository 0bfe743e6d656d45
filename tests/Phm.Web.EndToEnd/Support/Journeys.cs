using System.Diagnostics;

namespace Phm.Web.EndToEnd.Support;

/// <summary>What every journey starts with, in the app's own words: the Development sign-in page.</summary>
public static class Journeys
{
    /// <summary>Signs in through the sign-in page as <paramref name="role"/> (a clinician for <paramref name="pcn"/>) and waits for the start page.</summary>
    public static async Task SignInAsync(this IPage page, string role, string? pcn = null)
    {
        await page.GotoAsync("account/sign-in");
        await page.Locator($"input[type=radio][value={role}]").CheckAsync();
        if (pcn is not null)
            await page.Locator("select#pcn").SelectOptionAsync(pcn);
        await page.Locator("#subject").FillAsync("e2e-" + role);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.GetByText("Signed in as")).ToBeVisibleAsync();
        }
        catch (PlaywrightException e)
        {
            var shown = await WebAppFixture.ScreenshotAsync(page, "sign-in-failed");
            throw new InvalidOperationException($"Sign-in as {role} did not reach the app ({page.Url}; {shown}):\n{await page.Locator("body").InnerTextAsync()}", e);
        }
    }

    /// <summary>Opens <paramref name="path"/> and waits until the interactive page has rendered its heading.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }

    /// <summary>How long <paramref name="action"/> took.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
