using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Phm.Web.Hub;

namespace Phm.Web.Account;

/// <summary>A PCN offered on the Development sign-in page.</summary>
public sealed record PcnChoice(string Code, string Name);

/// <summary>
/// Development sign-in: asks the hub's Development-only token endpoint for a local token, as <c>phm token</c> does on the
/// command line. Outside Development it is not available and asks nothing.
/// </summary>
public interface ILocalSignIn
{
    bool IsAvailable { get; }

    /// <summary>A token for <paramref name="role"/> (of <paramref name="pcn"/> for a clinician), or null with the hub's reason.</summary>
    Task<(string? Token, string? Problem)> IssueTokenAsync(string role, string? pcn, string subject, CancellationToken cancellationToken);

    /// <summary>The PCNs, read from the hub with an analyst's local token (the list needs a token, the page has none yet).</summary>
    Task<IReadOnlyList<PcnChoice>> PcnsAsync(CancellationToken cancellationToken);
}

public sealed class LocalSignIn(IHttpClientFactory clients, IWebHostEnvironment environment, SignInMethods methods) : ILocalSignIn
{
    /// <summary>The hub's Development-only endpoint (relative to its address) that issues local tokens.</summary>
    public const string TokenPath = "dev/token";

    private const string PcnListSubject = "web-sign-in-page";

    public bool IsAvailable => environment.IsDevelopment() && !methods.ExternalIssuer;

    public async Task<(string? Token, string? Problem)> IssueTokenAsync(string role, string? pcn, string subject, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
            return (null, "Local sign-in is only for the Development environment.");
        var form = new Dictionary<string, string> { ["role"] = role, ["subject"] = subject };
        if (pcn is not null)
            form["pcn"] = pcn;
        var http = clients.CreateClient(PhmHubClient.HttpClientName);
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(TokenPath, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => (body.Trim(), null),
            HttpStatusCode.BadRequest => (null, body),
            _ => (null, $"The hub issued no token ({(int)response.StatusCode})."),
        };
    }

    public async Task<IReadOnlyList<PcnChoice>> PcnsAsync(CancellationToken cancellationToken)
    {
        var (token, _) = await IssueTokenAsync(WebUser.Analyst, pcn: null, PcnListSubject, cancellationToken);
        if (token is null)
            return [];
        var result = await PhmHubClient.PostAsync<PcnList>(
            clients.CreateClient(PhmHubClient.HttpClientName), token, GraphQLOperation.Named("SignInPcns"), variables: null, cancellationToken);
        return result.Data?.Pcns ?? [];
    }

    private sealed record PcnList(List<PcnChoice> Pcns);
}
