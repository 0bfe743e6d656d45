using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Phm.Api.Tests.WebApp;

/// <summary>The hub serves the web app at "/", with its Development-only token endpoint, beside GraphQL at /graphql.</summary>
[Collection(HubCollection.Name)]
public sealed class WebAppHostingTests(PhmApiFactory hub)
{
    [Fact]
    public async Task DevelopmentTokenEndpoint_InDevelopment_IssuesATokenTheHubAccepts()
    {
        using var client = hub.InDevelopment().CreateClient();

        using var response = await client.PostAsync("/dev/token", Form(("role", "clinician"), ("pcn", GovernanceTests.PcnA), ("subject", "web-test")));
        var token = await response.Content.ReadAsStringAsync();
        var answer = await PhmApiFactory.PostGraphQLAsync(hub, new { query = "{ patients(first: 1) { totalCount } }" }, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(answer.ErrorCodes);
    }

    [Theory]
    [InlineData("clinician", "", "A clinician's token names its PCN (--pcn); other roles name none.")]
    [InlineData("analyst", "U00000", "A clinician's token names its PCN (--pcn); other roles name none.")]
    [InlineData("superuser", "", "Unknown role 'superuser'; one of clinician, analyst, admin.")]
    public async Task DevelopmentTokenEndpoint_RefusesWhatPhmTokenRefuses_WithItsReason(string role, string pcn, string reason)
    {
        using var client = hub.InDevelopment().CreateClient();

        using var response = await client.PostAsync("/dev/token", Form(("role", role), ("pcn", pcn), ("subject", "web-test")));

        Assert.Equal((HttpStatusCode.BadRequest, reason), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task DevelopmentTokenEndpoint_OutsideDevelopment_IsNotThere(string environment)
    {
        using var client = hub.WithWebHostBuilder(builder => builder.UseEnvironment(environment)).CreateClient();

        using var response = await client.PostAsync("/dev/token", Form(("role", "admin"), ("subject", "web-test")));

        AssertNotThere(response);
    }

    [Fact]
    public async Task DevelopmentTokenEndpoint_WithAnExternalIssuer_IsNotThere()
    {
        using var client = hub.InDevelopment().WithWebHostBuilder(builder => builder.UseSetting("Phm:Auth:Authority", "https://issuer.invalid/").UseSetting("Phm:Web:ClientId", "one-team"))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync("/dev/token", Form(("role", "admin"), ("subject", "web-test")));

        AssertNotThere(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/worklists")]
    public async Task AppPage_WithoutSignIn_RedirectsToTheSignInPage(string path)
    {
        using var client = hub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignInPage_IsServedToAnyone_WithItsStylesFromTheApp()
    {
        using var client = hub.CreateClient();

        var page = await client.GetStringAsync("/account/sign-in");

        Assert.Contains("<h1>Sign in</h1>", page, StringComparison.Ordinal);
        Assert.Contains("_content/Phm.Web/app", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// No endpoint: 404, or 405 where the framework's catch-all page route (GET and HEAD only) matches the path first,
    /// as it does outside Development. Either way the body is empty: no token.
    /// </summary>
    private static void AssertNotThere(HttpResponseMessage response)
    {
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
    }

    [Fact]
    public async Task SignInPage_ScriptsAndStyles_AreServedByTheHubItself()
    {
        using var client = hub.CreateClient();
        var page = await client.GetStringAsync("/account/sign-in");

        var assets = System.Text.RegularExpressions.Regex.Matches(page, "(?:src|href)=\"(_[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var answers = await Task.WhenAll(assets.Select(async asset =>
        {
            using var response = await client.GetAsync("/" + asset);
            return (asset, response.StatusCode);
        }));

        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_content/Phm.Web/app", StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.Equal((answer.asset, HttpStatusCode.OK), answer));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
