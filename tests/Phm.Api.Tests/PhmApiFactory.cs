using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Phm.Api.Tests;

/// <summary>
/// The real hub over a small seeded population, built once per test run in a temporary folder.
/// Responses are compared in full, so nothing here hides a body (no EnsureSuccessStatusCode).
/// </summary>
public sealed class PhmApiFactory : WebApplicationFactory<Program>
{
    public const int Population = 3000;
    public const int Seed = 42;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "phm-api-tests-" + Environment.ProcessId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Phm:DataDirectory", DataDirectory);
        builder.UseSetting("Phm:Population", Population.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Phm:Seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The same hub with extra settings (such as <c>Phm:GraphQL:…</c> limits); it reuses the store this factory built, since the
    /// data directory, seed and population are the same.
    /// </summary>
    public WebApplicationFactory<Program> WithSettings(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });

    /// <summary>POSTs a GraphQL request as a client following the GraphQL-over-HTTP spec would.</summary>
    public Task<GraphQLResponse> PostGraphQLAsync(string query, object? variables = null, string? operationName = null) =>
        PostGraphQLAsync(this, new { query, variables, operationName });

    /// <summary>POSTs <paramref name="payload"/> (serialized to JSON) to the GraphQL endpoint of <paramref name="hub"/>.</summary>
    public static async Task<GraphQLResponse> PostGraphQLAsync(WebApplicationFactory<Program> hub, object payload)
    {
        using var client = hub.CreateClient();
        using var content = new StringContent(
            JsonSerializer.Serialize(payload),
            Encoding.UTF8,
            "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
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
    }
}

public sealed record GraphQLResponse(System.Net.HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>All API tests share one hub: the store is built once, not once per class.</summary>
[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<PhmApiFactory>
{
    public const string Name = "Hub";
}
