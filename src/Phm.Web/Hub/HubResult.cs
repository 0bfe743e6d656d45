using System.Text.Json;

namespace Phm.Web.Hub;

/// <summary>One error of a GraphQL response: its message and <c>extensions.code</c>.</summary>
public sealed record HubError(string Message, string? Code);

/// <summary>What the hub answered: data (possibly partial) and errors; a transport failure is an error without data.</summary>
public sealed record HubResult<T>(T? Data, IReadOnlyList<HubError> Errors)
{
    public bool HasErrors => Errors.Count > 0;

    /// <summary>The hub refused the read (another PCN's patient or cohort, a role without access): FORBIDDEN.</summary>
    public bool IsForbidden => Errors.Any(e => e.Code == HubErrorCodes.Forbidden);
}

public static class HubResult
{
    /// <summary>No answer to read: the hub was unreachable or did not answer in GraphQL.</summary>
    public static HubResult<T> Failed<T>(string message, string? code = null) => new(default, [new HubError(message, code)]);
}

public static class HubErrorCodes
{
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Unreachable = "HUB_UNREACHABLE";
}

/// <summary>How the app reads the hub's JSON: camelCase names, enums as the hub's strings.</summary>
public static class HubJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
