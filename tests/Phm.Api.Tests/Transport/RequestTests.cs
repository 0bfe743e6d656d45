using static Phm.Api.Tests.Support.Replies;

namespace Phm.Api.Tests.Transport;

/// <summary>Which requests are GraphQL requests: methods, body content types, and the parameters in a POST body or GET query string.</summary>
public sealed class RequestTests(TransportServer server) : IClassFixture<TransportServer>
{
    private const string GreetingQuery = """{"query":"{ greeting }"}""";

    [Theory]
    [InlineData("POST", "application/json", 200, Greeting, null)]
    [InlineData("POST", "application/json; charset=utf-8", 200, Greeting, null)]
    [InlineData("POST", "application/json; charset=UTF-8", 200, Greeting, null)]
    [InlineData("POST", "application/json; charset=utf-16", 415, UnsupportedMediaType, null)]
    [InlineData("POST", "application/graphql", 415, UnsupportedMediaType, null)]
    [InlineData("POST", "application/x-www-form-urlencoded", 415, UnsupportedMediaType, null)]
    [InlineData("POST", "text/plain", 415, UnsupportedMediaType, null)]
    [InlineData("POST", null, 415, UnsupportedMediaType, null)]
    [InlineData("PUT", "application/json", 405, MethodNotAllowed, "GET, POST")]
    [InlineData("PATCH", "application/json", 405, MethodNotAllowed, "GET, POST")]
    [InlineData("DELETE", "application/json", 405, MethodNotAllowed, "GET, POST")]
    public async Task Method_and_content_type(string method, string? contentType, int status, string body, string? allow)
    {
        var reply = await server.SendAsync(new HttpMethod(method), "/graphql", contentType: contentType, body: GreetingQuery);

        Assert.Equal(new Reply(status, Json, body, allow), reply);
    }

    [Theory]
    [InlineData("""{"query":"{ greeting }"}""", 200, Greeting)]
    [InlineData("""{"query":"{ greeting }","operationName":null,"variables":null,"extensions":null}""", 200, Greeting)]
    [InlineData(
        """{"query":"query Plain { greeting } query Named($name: String) { greeting(name: $name) }","operationName":"Named","variables":{"name":"Ada"},"extensions":{"trace":true}}""",
        200,
        """{"data":{"greeting":"Hello, Ada!"}}""")]
    [InlineData("""{"query":"mutation { rename(name: \"Ada\") }"}""", 200, """{"data":{"rename":"Ada"}}""")]
    [InlineData("""{"query":"{ greeting }","unknown":1}""", 200, Greeting)]
    [InlineData("""{ "not JSON""", 400, InvalidRequestBody)]
    [InlineData("", 400, InvalidRequestBody)]
    [InlineData("null", 400, InvalidRequestBody)]
    [InlineData("""[{"query":"{ greeting }"}]""", 400, InvalidRequestBody)]
    [InlineData("""{"query":1}""", 400, InvalidRequestBody)]
    [InlineData("""{"query":"{ greeting }","operationName":false}""", 400, InvalidRequestBody)]
    [InlineData("""{"query":"{ greeting }","variables":"{}"}""", 400, InvalidRequestBody)]
    [InlineData("""{"query":"{ greeting }","extensions":[]}""", 400, InvalidRequestBody)]
    [InlineData("""{}""", 400, MissingQuery)]
    [InlineData("""{"query":""}""", 400, MissingQuery)]
    public async Task Post_body(string requestBody, int status, string body)
    {
        var reply = await server.PostAsync(requestBody, accept: "application/graphql-response+json");

        Assert.Equal(new Reply(status, GraphQLResponseJson, body), reply);
    }

    [Theory]
    [InlineData("?query={greeting}", 200, Greeting, null)]
    [InlineData(
        "?query=query+Named($name:String){greeting(name:$name)}&operationName=Named&variables=%7B%22name%22%3A%22Ada%22%7D&extensions=%7B%7D",
        200,
        """{"data":{"greeting":"Hello, Ada!"}}""",
        null)]
    [InlineData("?query=mutation{rename(name:\"Ada\")}", 405, MutationOverGet, "POST")]
    [InlineData("?query={greeting}&query={greeting}", 400, InvalidQueryString, null)]
    [InlineData("?query={greeting}&variables=not-json", 400, InvalidQueryString, null)]
    [InlineData("?query={greeting}&variables=[]", 400, InvalidQueryString, null)]
    [InlineData("?query={greeting}&extensions=1", 400, InvalidQueryString, null)]
    [InlineData("", 400, MissingQuery, null)]
    public async Task Get_query_string_where_GET_may_carry_a_document(string queryString, int status, string body, string? allow)
    {
        await using var getQueries = await TransportServer.StartAsync(options => options.AllowGetQueries = true);

        var reply = await getQueries.SendAsync(HttpMethod.Get, "/graphql" + queryString, accept: "application/graphql-response+json");

        Assert.Equal(new Reply(status, GraphQLResponseJson, body, allow), reply);
    }

    /// <summary>By default a GET may only name a registered document; one carrying its document, query or mutation, is refused as a method.</summary>
    [Theory]
    [InlineData("?query={greeting}", 405, DocumentOverGet, "POST")]
    [InlineData("?query=mutation{rename(name:\"Ada\")}", 405, DocumentOverGet, "POST")]
    [InlineData("?documentId=sha256%3A00", 400, MissingQuery, null)]
    [InlineData("", 400, MissingQuery, null)]
    public async Task Get_query_string_by_default(string queryString, int status, string body, string? allow)
    {
        var reply = await server.SendAsync(HttpMethod.Get, "/graphql" + queryString, accept: "application/graphql-response+json");

        Assert.Equal(new Reply(status, GraphQLResponseJson, body, allow), reply);
    }
}
