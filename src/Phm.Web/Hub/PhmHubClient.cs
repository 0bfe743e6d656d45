using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Phm.Web.Account;

namespace Phm.Web.Hub;

/// <summary>
/// Runs operations over the hub's GraphQL-over-HTTP endpoint with the signed-in user's bearer token, so the hub's roles,
/// PCN scope, limits and audit apply to every read the app makes.
/// </summary>
public sealed class PhmHubClient(HttpClient http, AuthenticationStateProvider authentication) : IPhmHub
{
    public const string HttpClientName = "phm-hub";
    public const string GraphQLPath = "graphql";
    private const string ResponseMediaType = "application/graphql-response+json";

    public async Task<HubResult<T>> RunAsync<T>(GraphQLOperation operation, object? variables = null, CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return await PostAsync<T>(http, WebUser.AccessTokenOf(user), operation, variables, cancellationToken);
    }

    /// <summary>POSTs <paramref name="operation"/> to the hub with <paramref name="bearerToken"/> (none if null).</summary>
    internal static async Task<HubResult<T>> PostAsync<T>(HttpClient http, string? bearerToken, GraphQLOperation operation, object? variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLPath)
        {
            Content = JsonContent.Create(new { query = operation.Document, operationName = operation.Name, variables }, options: HubJson.Options),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ResponseMediaType));
        if (bearerToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return HubResult.Failed<T>("The hub did not answer.", HubErrorCodes.Unreachable);
        }
        using (response)
        {
            if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or ResponseMediaType))
                return HubResult.Failed<T>($"The hub answered {(int)response.StatusCode} without a GraphQL response.", HubErrorCodes.Unreachable);
            return HubResponse.Read<T>(await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }
}
