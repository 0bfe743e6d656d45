using static Phm.Api.Tests.Support.Replies;

namespace Phm.Api.Tests.Transport;

/// <summary>The Accept header chooses between application/graphql-response+json and application/json (RFC 9110 content negotiation).</summary>
public sealed class ResponseMediaTypeTests(TransportServer server) : IClassFixture<TransportServer>
{
    [Theory]
    // No preference, or only wildcards: the legacy type, which every client can read.
    [InlineData(null, 200, Json, Greeting)]
    [InlineData("*/*", 200, Json, Greeting)]
    [InlineData("application/*", 200, Json, Greeting)]
    // A type named outright is answered in that type.
    [InlineData("application/json", 200, Json, Greeting)]
    [InlineData("APPLICATION/JSON", 200, Json, Greeting)]
    [InlineData("application/graphql-response+json", 200, GraphQLResponseJson, Greeting)]
    [InlineData("application/json; charset=utf-8", 200, Json, Greeting)]
    // Both named at the same quality: the spec's own type is preferred.
    [InlineData("application/json, application/graphql-response+json", 200, GraphQLResponseJson, Greeting)]
    // Quality decides first, and a type's quality is that of the most specific range naming it.
    [InlineData("application/graphql-response+json;q=0.9, application/json", 200, Json, Greeting)]
    [InlineData("application/json;q=0.5, */*", 200, GraphQLResponseJson, Greeting)]
    [InlineData("text/html, application/json;q=0.1", 200, Json, Greeting)]
    // Nothing acceptable: 406, explained in the legacy type.
    [InlineData("text/plain", 406, Json, NotAcceptable)]
    [InlineData("text/html", 406, Json, NotAcceptable)]
    [InlineData("application/json;q=0", 406, Json, NotAcceptable)]
    [InlineData("application/json; charset=iso-8859-1", 406, Json, NotAcceptable)]
    public async Task Accept_header_chooses_the_response_media_type(string? accept, int status, string contentType, string body)
    {
        var reply = await server.PostAsync("""{"query":"{ greeting }"}""", accept);

        Assert.Equal(new Reply(status, contentType, body), reply);
    }

    [Theory]
    [InlineData(null, GraphQLResponseJson)]
    [InlineData("*/*", GraphQLResponseJson)]
    [InlineData("application/*", GraphQLResponseJson)]
    [InlineData("application/json", Json)]
    public async Task Wildcards_can_be_answered_with_the_spec_type(string? accept, string contentType)
    {
        await using var preferringServer = await TransportServer.StartAsync(options => options.AnswerWildcardsWithGraphQLResponseJson = true);

        var reply = await preferringServer.PostAsync("""{"query":"{ greeting }"}""", accept);

        Assert.Equal(new Reply(200, contentType, Greeting), reply);
    }
}
