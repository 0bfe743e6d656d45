using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using Phm.Api.Governance;
using Phm.Data.Governance;
using Phm.Ml.Scoring;

namespace Phm.Api.Tests.Support;

/// <summary>
/// The real hub over a small seeded population, built once per test run in a temporary folder, with the scores of two test risk
/// models (<see cref="TestRiskScores"/>) in place of the committed ones. It runs in a Testing environment,
/// so with the defaults of a deployment (no introspection, GraphiQL or suggestions; <see cref="InProduction"/> and
/// <see cref="InDevelopment"/> name an environment outright), and a test that needs the schema open says so with <see cref="WithSettings"/>.
/// Responses are compared in full, so nothing here hides a body (no EnsureSuccessStatusCode).
/// </summary>
public class PhmApiFactory : WebApplicationFactory<Program>
{
    public const int Population = 3000;
    public const int Seed = 42;

    public PhmApiFactory()
        : this("phm-api-tests-" + Environment.ProcessId)
    {
    }

    /// <param name="folderName">The hub's data folder under the temp folder: its SQLite store and its keys.</param>
    protected PhmApiFactory(string folderName) => DataDirectory = Path.Combine(Path.GetTempPath(), folderName);

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Phm:DataDirectory", DataDirectory);
        builder.UseSetting("Phm:Population", Population.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Phm:Seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The test models' mortality model is named apart from the committed one (death-12m), so the signal is told its name.
        builder.UseSetting("Phm:Impactability:MortalityModel", TestRiskScores.Mortality);
        builder.ConfigureServices(services => services.AddSingleton<IRiskModelSource, TestRiskScores.Source>());
    }

    /// <summary>POSTs a GraphQL request without a token, as a client following the GraphQL-over-HTTP spec would.</summary>
    public Task<GraphQLResponse> PostGraphQLAsync(string query, object? variables = null, string? operationName = null) =>
        PostGraphQLAsync(bearerToken: null, query, variables, operationName);

    /// <summary>A caller with a token for a clinician of <paramref name="pcnCode"/>: patient-level data of that PCN only.</summary>
    public HubCaller AsClinician(string pcnCode, string subject = "test-clinician") => As(subject, PhmRoles.Clinician, pcnCode);

    /// <summary>A caller with an analyst's token: aggregates only, under disclosure control.</summary>
    public HubCaller AsAnalyst(string subject = "test-analyst") => As(subject, PhmRoles.Analyst, pcnCode: null);

    /// <summary>A caller with an administrator's token: the audit trail and exact aggregates.</summary>
    public HubCaller AsAdmin(string subject = "test-admin") => As(subject, PhmRoles.Admin, pcnCode: null);

    /// <summary>A caller without a token.</summary>
    public HubCaller Anonymous() => new(this, BearerToken: null);

    /// <summary>The caller named in a test's data: none, clinicianOfA, clinicianOfB (of <see cref="GovernanceTests"/>' PCNs), analyst or admin.</summary>
    public HubCaller As(string caller) => caller switch
    {
        "none" => Anonymous(),
        "clinicianOfA" => AsClinician(GovernanceTests.PcnA),
        "clinicianOfB" => AsClinician(GovernanceTests.PcnB),
        "analyst" => AsAnalyst(),
        "admin" => AsAdmin(),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    /// <summary>Saves the queued audit events now, so a test can read them back without waiting for the writer.</summary>
    public Task FlushAuditAsync() => Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);

    private HubCaller As(string subject, string role, string? pcnCode) =>
        new(this, new LocalTokenIssuer(Services.GetRequiredService<SymmetricSecurityKey>(), TimeProvider.System)
            .Issue(subject, role, pcnCode, TimeSpan.FromMinutes(10)));

    /// <summary>
    /// The same hub with extra settings (such as <c>Phm:GraphQL:…</c> limits); it reuses the store and signing key this factory
    /// made, since the data directory, seed and population are the same, so this factory's tokens hold there too.
    /// </summary>
    public WebApplicationFactory<Program> WithSettings(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });

    /// <summary>The same hub in the Production environment, with nothing configured but its store: the defaults a deployment starts from.</summary>
    public WebApplicationFactory<Program> InProduction() => WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

    /// <summary>The same hub in the Development environment that the README's <c>dotnet run</c> starts (Properties/launchSettings.json).</summary>
    public WebApplicationFactory<Program> InDevelopment() => WithWebHostBuilder(builder => builder.UseEnvironment("Development"));

    /// <summary>The setting that opens the schema, for tests of introspection and of GraphQL.NET's own error messages.</summary>
    public static readonly (string Key, string Value) IntrospectionOn = ("Phm:GraphQL:Introspection", "true");

    internal Task<GraphQLResponse> PostGraphQLAsync(string? bearerToken, string query, object? variables, string? operationName) =>
        PostGraphQLAsync(this, new { query, variables, operationName }, bearerToken);

    /// <summary>POSTs <paramref name="payload"/> (serialized to JSON) to the GraphQL endpoint of <paramref name="hub"/>, with a bearer token if given.</summary>
    public static async Task<GraphQLResponse> PostGraphQLAsync(WebApplicationFactory<Program> hub, object payload, string? bearerToken = null)
    {
        using var client = hub.CreateClient();
        using var content = new StringContent(
            JsonSerializer.Serialize(payload),
            Encoding.UTF8,
            "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (bearerToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The hub as seen by one caller: its requests carry the caller's token, if any.</summary>
public sealed record HubCaller(PhmApiFactory Hub, string? BearerToken)
{
    public Task<GraphQLResponse> PostGraphQLAsync(string query, object? variables = null, string? operationName = null) =>
        Hub.PostGraphQLAsync(BearerToken, query, variables, operationName);
}

public sealed record GraphQLResponse(System.Net.HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The <c>extensions.code</c> of each error, in order; empty when there are none.</summary>
    public IReadOnlyList<string?> ErrorCodes => Json.ErrorCodes();

    public string ErrorMessage => Json.ErrorMessage();
}

/// <summary>All API tests share one hub: the store is built once, not once per class.</summary>
[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<PhmApiFactory>
{
    public const string Name = "Hub";
}
