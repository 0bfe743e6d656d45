using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Phm.Api.Tests.Hardening;

/// <summary>
/// The checks of graphql-cop (an outside GraphQL security auditor), each sent as it sends it, without a token, to a hub with the
/// defaults of a deployment (the Production environment, nothing configured). None may be found: graphql-cop rates introspection,
/// the four overloading checks and circular introspection high, GET queries and url-encoded POSTs (cross-site request forgery)
/// medium, and GraphiQL, suggestions, tracing and debug errors low.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class GraphQLCopChecksTests(PhmApiFactory hub) : IAsyncLifetime
{
    /// <summary>What graphql-cop looks for in a page to tell an IDE is served.</summary>
    private static readonly string[] IdeMarkers = ["graphiql.min.css", "GraphQL Playground", "GraphiQL", "graphql-playground"];

    /// <summary>What would show an error's exception or stack trace.</summary>
    private static readonly string[] DebugMarkers = ["exception", "stacktrace", "details", " at "];

    private WebApplicationFactory<Program> production = null!;

    public Task InitializeAsync()
    {
        production = hub.InProduction();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await production.DisposeAsync();

    public static TheoryData<string, string> Checks => new()
    {
        { "introspection", "HIGH" },
        { "circular introspection", "HIGH" },
        { "alias overloading", "HIGH" },
        { "batch queries", "HIGH" },
        { "directive overloading", "HIGH" },
        { "field duplication", "HIGH" },
        { "GET query (CSRF)", "MEDIUM" },
        { "GET mutation (CSRF)", "MEDIUM" },
        { "url-encoded POST (CSRF)", "MEDIUM" },
        { "GraphiQL served", "LOW" },
        { "field suggestions", "LOW" },
        { "trace mode", "LOW" },
        { "unhandled errors with debug details", "LOW" },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public async Task Check_InProductionDefaults_FindsNothing(string check, string severity)
    {
        var (found, body) = await RunAsync(check);

        Assert.False(found, $"graphql-cop would report {check} ({severity}): {body[..Math.Min(body.Length, 300)]}");
    }

    private async Task<(bool Found, string Body)> RunAsync(string check)
    {
        switch (check)
        {
            case "introspection":
                return HasData(await PostAsync("query cop { __schema { types { name fields { name } } } }"), "__schema");
            case "circular introspection":
                return HasData(await PostAsync("query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }"), "__schema");
            case "alias overloading":
                return HasData(await PostAsync("query cop { " + string.Concat(Enumerable.Range(0, 101).Select(i => $"alias{i}:__typename \n")) + "}"), "alias100");
            case "batch queries":
            {
                var body = await SendAsync(HttpMethod.Post, "/graphql", JsonSerializer.Serialize(Enumerable.Repeat(new { query = "query cop { __typename }" }, 10)), "application/json");
                return (JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() >= 10, body);
            }
            case "directive overloading":
            {
                var body = await PostAsync("query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }");
                return (JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() >= 10, body);
            }
            case "field duplication":
                return HasData(await PostAsync("query cop { " + string.Concat(Enumerable.Repeat("__typename \n", 500)) + "} "), "__typename");
            case "GET query (CSRF)":
                return HasData(await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("query cop {__typename}")), "__typename");
            case "GET mutation (CSRF)":
                return HasData(await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation cop {__typename}")), "__typename");
            case "url-encoded POST (CSRF)":
                return HasData(await SendAsync(HttpMethod.Post, "/graphql", "query=" + Uri.EscapeDataString("query cop { __typename }"), "application/x-www-form-urlencoded"), "__typename");
            case "GraphiQL served":
            {
                var page = await SendAsync(HttpMethod.Get, "/graphql", accept: "text/html");
                var bundle = await SendAsync(HttpMethod.Get, "/graphiql/LICENSES.md", accept: "text/html");
                var found = IdeMarkers.Any(marker => page.Contains(marker, StringComparison.Ordinal) || bundle.Contains(marker, StringComparison.Ordinal));
                return (found, page + bundle);
            }
            case "field suggestions":
            {
                var body = await PostAsync("query cop { __schema { directive } }");
                return (body.Contains("Did you mean", StringComparison.Ordinal), body);
            }
            case "trace mode":
            {
                var body = await PostAsync("query cop { __typename }");
                return (JsonDocument.Parse(body).RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("tracing", out _), body);
            }
            case "unhandled errors with debug details":
            {
                var body = await PostAsync("qwerty cop { abc }");
                return (DebugMarkers.Any(marker => body.Contains(marker, StringComparison.OrdinalIgnoreCase)), body);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(check), check, null);
        }
    }

    private static (bool, string) HasData(string body, string field) =>
        (JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } response
            && response.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(field, out _),
         body);

    private Task<string> PostAsync(string query) =>
        SendAsync(HttpMethod.Post, "/graphql", JsonSerializer.Serialize(new { query }), "application/json");

    private async Task<string> SendAsync(HttpMethod method, string target, string? body = null, string? contentType = null, string accept = "*/*")
    {
        using var client = production.CreateClient();
        using var request = new HttpRequestMessage(method, target);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
