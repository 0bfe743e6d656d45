using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using static Phm.Api.Tests.Support.Replies;

namespace Phm.Api.Tests.Hardening;

/// <summary>
/// Abusive documents are refused from a lexical count before GraphQL.NET parses or validates them (its validation time grows with the
/// square of repeated directives), and oversized bodies before they are read to the end. Timings are in the bench, not here.
/// </summary>
public sealed class DocumentLimitTests(TransportServer server) : IClassFixture<TransportServer>
{
    public static TheoryData<string, string> Bombs => new()
    {
        { "{ greeting" + Repeat(" @skip(if: false)", 1_000) + " }", "TOO_MANY_DIRECTIVES" },
        { "{ " + string.Concat(Enumerable.Range(0, 101).Select(i => $"a{i}: greeting ")) + "}", "TOO_MANY_ALIASES" },
        { Repeat("{ a ", 21) + Repeat("}", 21), "TOO_DEEPLY_NESTED" },
        { "{" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $" f{i}")) + " }", "TOO_MANY_TOKENS" },
        // graphql-cop's field duplication: 500 times one field, where validation compares every pair.
        { "{" + Repeat(" __typename", 500) + " }", "TOO_MANY_REPEATED_FIELDS" },
        { "{ a { b b b b b b b b } a { b b b b b b b b } a { b b b b b b b b } }", "TOO_MANY_REPEATED_FIELDS" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Bomb_OverALexicalLimit_IsRefusedWithItsCodeBeforeParsing(string document, string code)
    {
        var reply = await server.PostAsync(JsonSerializer.Serialize(new { query = document }), "application/graphql-response+json");

        Assert.Equal((400, GraphQLResponseJson, code), (reply.Status, reply.ContentType, JsonDocument.Parse(reply.Body).RootElement.ErrorCodes()[0]));
    }

    [Theory]
    [InlineData("{ greeting @skip(if: false) @include(if: true) }")]
    [InlineData("{ first: greeting second: greeting(name: \"Ada\") }")]
    // Braces and colons inside arguments belong to input objects: neither nesting nor aliases.
    [InlineData("query($name: String = \"Ada\") { greeting(name: $name) }")]
    // Twenty repeats, the limit; aliases, directives, fragment names and type conditions are not repeats of a field.
    [InlineData("{ greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting greeting }")]
    [InlineData("{ a: greeting greeting b: greeting @skip(if: false) ... on Query { greeting } ... on Query { greeting } ...F ...F } fragment F on Query { greeting }")]
    public async Task Document_WithinTheLimits_Runs(string document)
    {
        var reply = await server.PostAsync(JsonSerializer.Serialize(new { query = document }), "application/graphql-response+json");

        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task Body_OverTheSizeLimit_Is413()
    {
        var reply = await server.PostAsync(OversizedBody(), "application/graphql-response+json");

        Assert.Equal((413, GraphQLResponseJson, "REQUEST_BODY_TOO_LARGE"), (reply.Status, reply.ContentType, JsonDocument.Parse(reply.Body).RootElement.ErrorCodes()[0]));
    }

    [Fact]
    public async Task Body_OverTheSizeLimitWithoutContentLength_Is413()
    {
        // A chunked body declares no length, so it is counted as it is read.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(OversizedBody()));
        await pipe.Writer.CompleteAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StreamContent(pipe.Reader.AsStream()) };
        request.Content.Headers.ContentType = new("application/json");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(
            (413, "REQUEST_BODY_TOO_LARGE"),
            ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ErrorCodes()[0]));
    }

    /// <summary>A valid request whose document is padded with a comment beyond the default 256 KB.</summary>
    private static string OversizedBody() => JsonSerializer.Serialize(new { query = "{ greeting } #" + new string('x', 300 * 1024) });

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
