using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Phm.Api.Tests.Support;

public static class JsonTestExtensions
{
    // Relaxed escaping keeps apostrophes and ampersands readable in snapshots; the text never reaches a browser.
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The string <paramref name="property"/> of each item of a JSON array, e.g. the codes of a list of practices.</summary>
    public static string[] Strings(this JsonElement items, string property) =>
        [.. items.EnumerateArray().Select(item => item.GetProperty(property).GetString()!)];

    /// <summary>The <c>extensions.code</c> of each error of a GraphQL response, in order (null where an error has none); empty when there are none.</summary>
    public static IReadOnlyList<string?> ErrorCodes(this JsonElement response) =>
        response.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => e.TryGetProperty("extensions", out var x) ? x.GetProperty("code").GetString() : null)]
            : [];

    /// <summary>The message of a GraphQL response's first error.</summary>
    public static string ErrorMessage(this JsonElement response) => response.GetProperty("errors")[0].GetProperty("message").GetString()!;

    /// <summary>The JSON indented, for snapshots a reviewer can read.</summary>
    public static string Indented(this JsonElement json) => JsonSerializer.Serialize(json, IndentedOptions);

    /// <summary>Status, media type and indented body of an HTTP response, for one snapshot of the whole reply.</summary>
    public static string ForSnapshot(this GraphQLResponse response) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)response.Status} {response.MediaType}\n{response.Json.Indented()}");
}
