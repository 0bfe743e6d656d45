using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Phm.Api.Tests.Hardening;

/// <summary>
/// Development (what the README's <c>dotnet run</c> starts, through Properties/launchSettings.json) keeps the schema open for
/// GraphiQL; every other environment starts with introspection, GraphiQL and suggestions off, and GET only for registered documents.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class EnvironmentDefaultsTests(PhmApiFactory hub)
{
    private const string MisspeltField = "{ pcns { cod } }";

    public static TheoryData<string, bool> Environments => new() { { "Development", true }, { "Production", false } };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Introspection_IsOnOnlyInDevelopment(string environment, bool open)
    {
        await using var host = In(environment);

        var response = await PhmApiFactory.PostGraphQLAsync(host, new { query = "{ __schema { queryType { name } } }" });

        Assert.Equal(open ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.Status);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task GraphiQL_IsServedOnlyInDevelopment(string environment, bool open)
    {
        await using var host = In(environment);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var page = await client.GetAsync("/graphql");

        Assert.Equal(open, (await page.Content.ReadAsStringAsync()).Contains("""<div id="graphiql"></div>""", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Suggestions_AreMadeOnlyInDevelopment(string environment, bool open)
    {
        await using var host = In(environment);

        var response = await PhmApiFactory.PostGraphQLAsync(host, new { query = MisspeltField }, hub.AsClinician(GovernanceTests.PcnA).BearerToken);

        Assert.Equal(open ? "Cannot query field 'cod' on type 'Pcn'. Did you mean 'code'?" : "Cannot query field 'cod'.", response.ErrorMessage);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task QueryOverGet_IsRefusedAsAMethodInEveryEnvironment(string environment)
    {
        await using var host = In(environment);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ __typename }"));

        Assert.Equal(
            (HttpStatusCode.MethodNotAllowed, "POST", "DOCUMENT_NOT_ALLOWED_OVER_GET"),
            (response.StatusCode, string.Join(", ", response.Content.Headers.Allow), JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ErrorCodes()[0]));
    }

    [Fact]
    public void DotnetRun_StartsInDevelopment()
    {
        var launchSettings = Path.Combine(RepositoryRoot(), "src", "Phm.Api", "Properties", "launchSettings.json");

        var profile = JsonDocument.Parse(File.ReadAllText(launchSettings)).RootElement.GetProperty("profiles").EnumerateObject().First().Value;

        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
    }

    private WebApplicationFactory<Program> In(string environment) => environment == "Development" ? hub.InDevelopment() : hub.InProduction();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PHM.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("PHM.sln not found above the test binaries.");
    }
}
