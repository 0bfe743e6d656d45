namespace Phm.Web.EndToEnd;

/// <summary>An analyst's views, under disclosure control: at the test population small counts are suppressed.</summary>
[Collection(WebAppCollection.Name)]
public class AnalystViewsTests(WebAppFixture app)
{
    [SkippableFact]
    public async Task Analyst_SeesTheInequalityChart_WithSuppressedQuintilesMarked()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.SignInAsync("analyst");
        await page.OpenAsync("inequality");
        var chart = page.GetByTestId("inequality-chart");
        await Assertions.Expect(chart.Locator("g[data-quintile]")).ToHaveCountAsync(5);

        // Learning disability in one PCN: a handful of patients in some quintiles, so disclosure control withholds them.
        await page.Locator("#measure-register").SelectOptionAsync("LEARNING_DISABILITY");
        await page.Locator("#measure-pcn").SelectOptionAsync(SuppressingPcn);

        var suppressed = chart.Locator("g[data-suppressed=true]");
        await Assertions.Expect(suppressed.First).ToContainTextAsync("suppressed");
        await Assertions.Expect(page.GetByTestId("inequality-table").Locator("tr.suppressed").First).ToContainTextAsync("suppressed (");
        await Assertions.Expect(page.GetByTestId("inequality-gap")).ToContainTextAsync("Slope index of inequality");
        app.Report($"inequality: {await suppressed.CountAsync()} of 5 quintiles suppressed; " + await WebAppFixture.ScreenshotAsync(page, "inequality"));
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableFact]
    public async Task Analyst_SeesTheMapOfTheCitysLsoas_WithALegendAndItsTable()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.SignInAsync("analyst");
        await page.OpenAsync("map");

        await Assertions.Expect(page.Locator("svg.map__svg path[data-lsoa]")).ToHaveCountAsync(148);
        await Assertions.Expect(page.Locator(".legend li")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator(".legend li").First).ToContainTextAsync("Quintile 1 (most deprived)");
        await Assertions.Expect(page.Locator(".attribution")).ToContainTextAsync("Open Government Licence");
        await Assertions.Expect(page.GetByTestId("lsoa-table").Locator("tbody tr")).ToHaveCountAsync(148);
        app.Report("map: " + await WebAppFixture.ScreenshotAsync(page, "map"));
        await page.AssertNoSeriousViolationsAsync();

        await page.Locator("#map-shading").SelectOptionAsync("measure");
        await page.Locator("#map-measure-register").SelectOptionAsync("LEARNING_DISABILITY");
        await page.Locator("#map-measure-pcn").SelectOptionAsync(SuppressingPcn);
        await Assertions.Expect(page.Locator("path[data-suppressed=true]").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator(".legend li").Last).ToContainTextAsync("Suppressed");
        app.Report("map by a measure: " + await WebAppFixture.ScreenshotAsync(page, "map-measure"));
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableFact]
    public async Task Analyst_SeesTheSegmentationMatrix_AndTheBuilder()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.SignInAsync("analyst");
        await page.OpenAsync("segmentation");
        await Assertions.Expect(page.GetByTestId("segmentation-matrix").Locator("tbody tr")).ToHaveCountAsync(6); // the six age bands
        app.Report("segmentation: " + await WebAppFixture.ScreenshotAsync(page, "segmentation"));
        await page.AssertNoSeriousViolationsAsync();

        await page.OpenAsync("cohorts/builder");
        await Assertions.Expect(page.GetByTestId("cohort-count")).ToContainTextAsync("patients meet the criteria");
        app.Report("cohort builder (analyst): " + await WebAppFixture.ScreenshotAsync(page, "cohort-builder-analyst"));
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>Living Well Partnership.</summary>
    private const string SuppressingPcn = "U08561";
}
