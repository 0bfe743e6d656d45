using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Phm.Api.Tests.Hardening;

/// <summary>The rate limit counts each token's subject apart, through the hub's real authentication.</summary>
[Collection(HubCollection.Name)]
public sealed class HubRateLimitTests(PhmApiFactory hub)
{
    [Fact]
    public async Task RateLimit_OfOneRequest_RefusesTheSecondOfASubjectButNotAnotherSubject()
    {
        await using var limited = hub.WithSettings(("Phm:GraphQL:RateLimit:PermitLimit", "1"));
        var ada = hub.AsClinician("U97340", subject: "ada").BearerToken;
        var grace = hub.AsClinician("U97340", subject: "grace").BearerToken;

        var statuses = new List<HttpStatusCode>();
        foreach (var token in new[] { ada, ada, grace })
            statuses.Add((await PhmApiFactory.PostGraphQLAsync(limited, new { query = "{ pcns { code } }" }, token)).Status);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task ConcurrentRequests_AboveTheLimit_AreAnsweredOrRefusedWith429AndRetryAfter_NeverFailed()
    {
        const int permits = 10, requests = 40;
        await using var limited = hub.WithSettings(("Phm:GraphQL:RateLimit:PermitLimit", permits.ToString(CultureInfo.InvariantCulture)));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", hub.AsClinician("U97340", subject: "burst").BearerToken);

        var replies = await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
        {
            // Patient-level reads (audited) among them, so that refusals meet requests that read and audit.
            var query = i % 2 == 0 ? "{ patients(first: 5) { edges { node { id } } } }" : "{ practices { code } }";
            using var response = await client.PostAsJsonAsync("/graphql", new { query });
            return (response.StatusCode, response.Headers.RetryAfter?.Delta, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.Equal(permits, replies.Count(r => r.StatusCode == HttpStatusCode.OK && !r.Body.Contains("\"errors\"", StringComparison.Ordinal)));
        Assert.All(replies.Where(r => r.StatusCode != HttpStatusCode.OK), refused =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("\"code\":\"RATE_LIMITED\"", refused.Body, StringComparison.Ordinal);
            Assert.InRange(refused.Delta!.Value.TotalSeconds, 1, 60);
        });
    }
}
