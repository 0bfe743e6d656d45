using static Phm.Api.Tests.Support.Replies;

namespace Phm.Api.Tests.Hardening;

/// <summary>Rate limit, execution timeout, response headers and what an unhandled exception tells the client.</summary>
public sealed class EndpointSafeguardTests(TransportServer server) : IClassFixture<TransportServer>
{
    private const string GreetingQuery = """{"query":"{ greeting }"}""";

    [Fact]
    public async Task Requests_OverTheSubjectsRateLimit_Get429WithRetryAfter()
    {
        await using var limited = await TransportServer.StartAsync(options => options.RateLimit.PermitLimit = 2);

        var replies = new List<Reply>();
        for (var i = 0; i < 3; i++)
            replies.Add(await limited.PostAsync(GreetingQuery));

        Assert.Equal([200, 200, 429], replies.Select(reply => reply.Status));
        Assert.Equal(
            """{"errors":[{"message":"Too many requests; retry after the number of seconds in Retry-After.","extensions":{"code":"RATE_LIMITED","codes":["RATE_LIMITED"]}}]}""",
            replies[2].Body);
        var retryAfter = int.Parse(Assert.Single(limited.LastHeaders!.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task RateLimit_CountsEachSubjectApart()
    {
        await using var limited = await TransportServer.StartAsync(options => options.RateLimit.PermitLimit = 1);

        var statuses = new List<int>();
        foreach (var subject in new[] { "ada", "ada", "grace" })
            statuses.Add((await limited.PostAsync(GreetingQuery, subject: subject)).Status);

        Assert.Equal([200, 429, 200], statuses);
    }

    [Theory]
    [InlineData("application/graphql-response+json", 504, GraphQLResponseJson)]
    [InlineData("application/json", 200, Json)]
    public async Task Execution_PastTheTimeout_IsCancelledAndAnsweredWithATimeoutError(string accept, int status, string contentType)
    {
        await using var impatient = await TransportServer.StartAsync(options => options.ExecutionTimeout = TimeSpan.FromMilliseconds(50));

        var reply = await impatient.PostAsync("""{"query":"{ endless }"}""", accept);

        Assert.Equal(
            new Reply(status, contentType, """{"errors":[{"message":"The operation has timed out.","extensions":{"code":"TIMEOUT","codes":["TIMEOUT"]}}]}"""),
            reply);
    }

    [Fact]
    public async Task GraphQLResponses_AreNeverCachedAndCarryACorrelationId()
    {
        await server.PostAsync(GreetingQuery);

        Assert.Equal("no-store", server.LastHeaders!.CacheControl?.ToString());
        Assert.False(string.IsNullOrEmpty(Assert.Single(server.LastHeaders.GetValues("X-Correlation-Id"))));
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task UnhandledException_ShowsItsDetailsOnlyInDevelopment(string environment, bool detailed)
    {
        await using var host = await TransportServer.StartAsync(_ => { }, environment);

        var reply = await host.PostAsync("""{"query":"{ failure }"}""");

        Assert.Equal(
            (detailed, detailed),
            (reply.Body.Contains("The resolver failed.", StringComparison.Ordinal), reply.Body.Contains(" at Phm.Api.Tests", StringComparison.Ordinal)));
        var correlationId = Assert.Single(host.LastHeaders!.GetValues("X-Correlation-Id"));
        Assert.Contains(host.Logs.Messages, message => message.Contains(correlationId, StringComparison.Ordinal));
    }
}
