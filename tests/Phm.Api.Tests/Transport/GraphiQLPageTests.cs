using System.Net;
using System.Text.RegularExpressions;
using static Phm.Api.Tests.Support.Replies;

namespace Phm.Api.Tests.Transport;

/// <summary>Where GraphiQL is switched on (in Development), a browser opening the GraphQL endpoint gets it, served entirely by the hub.</summary>
public sealed partial class GraphiQLPageTests(TransportServer server) : IClassFixture<TransportServer>, IAsyncLifetime
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private TransportServer withGraphiQL = null!;

    public async Task InitializeAsync() => withGraphiQL = await TransportServer.StartAsync(options => options.ServeGraphiQL = true);

    public Task DisposeAsync() => withGraphiQL.DisposeAsync();

    [Fact]
    public async Task A_browser_gets_the_page_with_security_headers()
    {
        using var response = await GetAsync("/graphql", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("""<div id="graphiql"></div>""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
        Assert.Equal("Accept", Header(response, "Vary"));
    }

    [Fact]
    public async Task Every_script_and_stylesheet_of_the_page_is_served_and_cached_for_good()
    {
        using var page = await GetAsync("/graphql", BrowserAccept);
        var assets = AssetReference().Matches(await page.Content.ReadAsStringAsync()).Select(match => match.Groups["path"].Value).ToList();

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var response = await GetAsync(asset, "*/*");
            Assert.Equal(
                (HttpStatusCode.OK, asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
                (response.StatusCode, response.Content.Headers.ContentType?.ToString(), Header(response, "Cache-Control")));
        }
    }

    [Theory]
    [InlineData("/graphiql/LICENSES.md", HttpStatusCode.OK)]
    [InlineData("/graphiql/assets/missing.js", HttpStatusCode.NotFound)]
    [InlineData("/graphiql/", HttpStatusCode.NotFound)]
    public async Task Bundle_files(string path, HttpStatusCode status)
    {
        using var response = await GetAsync(path, "*/*");

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task By_default_a_browser_gets_a_GraphQL_response()
    {
        var reply = await server.SendAsync(HttpMethod.Get, "/graphql", BrowserAccept);

        Assert.Equal(new Reply(400, Json, MissingQuery), reply);
    }

    [Fact]
    public async Task By_default_the_bundle_files_are_not_served()
    {
        var reply = await server.SendAsync(HttpMethod.Get, "/graphiql/LICENSES.md", "*/*");

        Assert.Equal(404, reply.Status);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await withGraphiQL.Client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    [GeneratedRegex("(?:src|href)=\"(?<path>/graphiql/assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
