namespace Phm.Web.EndToEnd;

[Collection(WebAppCollection.Name)]
public class GraphiQLSmokeTests(WebAppFixture app)
{
    [SkippableFact]
    public async Task GraphiQL_OpensInChromium()
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync("graphql");
        await Assertions.Expect(session.Page.Locator(".graphiql-container")).ToBeVisibleAsync();
        app.Report("GraphiQL screenshot: " + await WebAppFixture.ScreenshotAsync(session.Page, "graphiql"));
    }
}
