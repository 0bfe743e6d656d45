using static Phm.Api.Tests.Support.Replies;

namespace Phm.Api.Tests.Transport;

/// <summary>
/// The status of a well-formed request follows from what happened to its document. Under application/graphql-response+json
/// a document that was never executed (it failed to parse or validate, or its variables or operation name were wrong) is 400,
/// and its body has no data entry; under application/json it is 200. Errors raised while executing are 200 under both.
/// </summary>
public sealed class ExecutionResultStatusTests(TransportServer server) : IClassFixture<TransportServer>
{
    // GraphQL.NET's own messages; the serializer escapes quotes (\u0027), as it does every HTML-sensitive character.
    private const string ParseFailure =
        """{"errors":[{"message":"Error parsing query: Expected Name, found EOF; for more information see http://spec.graphql.org/October2021/#Field","locations":[{"line":1,"column":2}],"extensions":{"code":"SYNTAX_ERROR","codes":["SYNTAX_ERROR"]}}]}""";

    private const string ValidationFailure =
        """{"errors":[{"message":"Cannot query field \u0027nope\u0027.","locations":[{"line":1,"column":3}],"extensions":{"code":"FIELDS_ON_CORRECT_TYPE","codes":["FIELDS_ON_CORRECT_TYPE"],"number":"5.3.1"}}]}""";

    private const string VariableFailure =
        """{"errors":[{"message":"Variable \u0027$name\u0027 is invalid. Received a null input for a non-null variable.","locations":[{"line":1,"column":7}],"extensions":{"code":"INVALID_VALUE","codes":["INVALID_VALUE"],"number":"5.8"}}]}""";

    private const string UnknownOperation =
        """{"errors":[{"message":"Document does not contain an operation named \u0027Other\u0027.","extensions":{"code":"INVALID_OPERATION_NAME","codes":["INVALID_OPERATION_NAME"]}}]}""";

    // The resolver's own message and exception type stay on the server (logged); the client learns only which field failed.
    private const string ResolverFailure =
        """{"errors":[{"message":"Error trying to resolve field \u0027failure\u0027.","locations":[{"line":1,"column":12}],"path":["failure"],"extensions":{"code":"INTERNAL_SERVER_ERROR","codes":["INTERNAL_SERVER_ERROR"]}}],"data":{"greeting":"Hello, world!","failure":null}}""";

    [Theory]
    [InlineData("""{"query":"{"}""", "application/graphql-response+json", 400, GraphQLResponseJson, ParseFailure)]
    [InlineData("""{"query":"{"}""", "application/json", 200, Json, ParseFailure)]
    [InlineData("""{"query":"{ nope }"}""", "application/graphql-response+json", 400, GraphQLResponseJson, ValidationFailure)]
    [InlineData("""{"query":"{ nope }"}""", "application/json", 200, Json, ValidationFailure)]
    [InlineData("""{"query":"query($name: String!) { greeting(name: $name) }","variables":{"name":null}}""", "application/graphql-response+json", 400, GraphQLResponseJson, VariableFailure)]
    [InlineData("""{"query":"query($name: String!) { greeting(name: $name) }","variables":{"name":null}}""", "application/json", 200, Json, VariableFailure)]
    [InlineData("""{"query":"query Plain { greeting }","operationName":"Other"}""", "application/graphql-response+json", 400, GraphQLResponseJson, UnknownOperation)]
    [InlineData("""{"query":"query Plain { greeting }","operationName":"Other"}""", "application/json", 200, Json, UnknownOperation)]
    [InlineData("""{"query":"{ greeting failure }"}""", "application/graphql-response+json", 200, GraphQLResponseJson, ResolverFailure)]
    [InlineData("""{"query":"{ greeting failure }"}""", "application/json", 200, Json, ResolverFailure)]
    public async Task Status_by_outcome_and_media_type(string requestBody, string accept, int status, string contentType, string body)
    {
        var reply = await server.PostAsync(requestBody, accept);

        Assert.Equal(new Reply(status, contentType, body), reply);
    }
}
