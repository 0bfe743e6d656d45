using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Phm.Web.Account;

namespace Phm.Web.Tests.Account;

public sealed class SignInPageTests : BunitContext
{
    private readonly RecordingHandler _hub = new();

    [Fact]
    public void InDevelopment_OffersEveryRole_AndThePcnsTheHubLists()
    {
        _hub.Answer("/dev/token", "analyst-token")
            .Answer("/graphql", """{"data":{"pcns":[{"code":"U00001","name":"CENTRAL PCN"},{"code":"U00002","name":"EAST PCN"}]}}""", "application/graphql-response+json");
        UseEnvironment("Development", openIdConnect: false);

        var page = Render<SignInPage>();

        Assert.Equal(["clinician", "analyst", "admin"], page.FindAll("input[type=radio]").Select(r => r.GetAttribute("value")));
        Assert.Equal(["", "U00001", "U00002"], page.FindAll("select#pcn option").Select(o => o.GetAttribute("value")));
        Assert.Contains("CENTRAL PCN (U00001)", page.Find("select#pcn").TextContent, StringComparison.Ordinal);
        Assert.Equal(["/dev/token", "/graphql"], _hub.RequestedPaths);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void OutsideDevelopment_WithoutAnIssuer_AsksTheHubForNothing_AndSaysSignInIsNotConfigured(string environment)
    {
        UseEnvironment(environment, openIdConnect: false);

        var page = Render<SignInPage>();

        Assert.Empty(page.FindAll("form"));
        Assert.Contains("Sign-in is not configured", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_hub.RequestedPaths);
    }

    [Fact]
    public void WithAnIssuer_EvenInDevelopment_OffersOnlyTheIssuersLogin()
    {
        UseEnvironment("Development", openIdConnect: true);

        var page = Render<SignInPage>();

        Assert.Empty(page.FindAll("form"));
        Assert.Equal("account/sign-in/oidc?returnUrl=%2F", page.Find("a.button").GetAttribute("href"));
        Assert.Empty(_hub.RequestedPaths);
    }

    [Fact]
    public async Task LocalSignIn_OutsideDevelopment_RefusesWithoutAskingTheHub()
    {
        var signIn = new LocalSignIn(_hub.AsClientFactory(), new Environment("Production"), new SignInMethods(OpenIdConnect: false, ExternalIssuer: false));

        var (token, problem) = await signIn.IssueTokenAsync("admin", pcn: null, "someone", CancellationToken.None);

        Assert.Null(token);
        Assert.Equal("Local sign-in is only for the Development environment.", problem);
        Assert.Empty(_hub.RequestedPaths);
    }

    private void UseEnvironment(string name, bool openIdConnect)
    {
        var methods = new SignInMethods(openIdConnect, ExternalIssuer: openIdConnect);
        Services.AddSingleton(methods);
        Services.AddSingleton<ILocalSignIn>(new LocalSignIn(_hub.AsClientFactory(), new Environment(name), methods));
    }

    private sealed class Environment(string name) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Phm.Api";
        public string WebRootPath { get; set; } = string.Empty;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = string.Empty;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
