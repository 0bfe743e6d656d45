using System.Net;

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
}
