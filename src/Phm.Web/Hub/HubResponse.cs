using System.Text.Json;

namespace Phm.Web.Hub;

/// <summary>Reads a GraphQL response body: <c>data</c> as the page's own records, and each error with its code.</summary>
internal static class HubResponse
{
    public static HubResult<T> Read<T>(string body)
    {
        var response = JsonSerializer.Deserialize<Body<T>>(body, HubJson.Options);
        var errors = response?.Errors?.Select(e => new HubError(e.Message, e.Extensions?.Code)).ToList() ?? [];
        return new HubResult<T>(response is null ? default : response.Data, errors);
    }

    private sealed record Body<T>(T? Data, List<ErrorBody>? Errors);

    private sealed record ErrorBody(string Message, ErrorExtensions? Extensions);

    private sealed record ErrorExtensions(string? Code);
}
