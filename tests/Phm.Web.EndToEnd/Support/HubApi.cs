using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Phm.Web.EndToEnd.Support;

/// <summary>
/// The hub's own API beside the browser, for what a test must know and the app would never show it: a patient of another
/// PCN, say. Tokens come from the Development-only endpoint the sign-in page uses.
/// </summary>
public sealed class HubApi(Uri address)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task<string> TokenAsync(string role, string? pcn = null)
    {
        var form = new Dictionary<string, string> { ["role"] = role, ["subject"] = "e2e-" + role };
        if (pcn is not null)
            form["pcn"] = pcn;
        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(new Uri(address, "dev/token"), content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync()).Trim();
    }

    /// <summary>The <c>data</c> of <paramref name="query"/> run with <paramref name="token"/>; errors fail the test.</summary>
    public async Task<JsonElement> QueryAsync(string token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "graphql")) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), $"The hub refused {query}: {errors}");
        return body.GetProperty("data").Clone();
    }
}
