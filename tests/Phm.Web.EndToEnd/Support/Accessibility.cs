using Deque.AxeCore.Playwright;

namespace Phm.Web.EndToEnd.Support;

/// <summary>The accessibility bar: axe-core finds no serious or critical violation of WCAG 2.x A/AA on the page.</summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new() { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", blocking.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at " + string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target.ToString()))))));
    }
}
