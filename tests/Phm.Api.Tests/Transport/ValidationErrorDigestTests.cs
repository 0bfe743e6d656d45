using System.Text.Json;

namespace Phm.Api.Tests.Transport;

/// <summary>
/// A refused document gets each rule's complaint about a name once, at most five errors in all with the rest counted, and, while
/// introspection is off, messages that name only what the document itself named.
/// </summary>
public sealed class ValidationErrorDigestTests(TransportServer server) : IClassFixture<TransportServer>
{
    [Fact]
    public async Task RepeatedUnknownDirective_IsOneError()
    {
        // graphql-cop's directive overloading: ten errors for ten unknown directives would be a finding.
        var response = await PostAsync(server, "{ greeting @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }");

        Assert.Equal((1, "Unknown directive 'aa'."), (response.GetProperty("errors").GetArrayLength(), response.ErrorMessage()));
    }

    [Fact]
    public async Task ManyDistinctErrors_AreCappedAtFiveAndTheRestCounted()
    {
        var response = await PostAsync(server, "{ " + string.Join(' ', Enumerable.Range(1, 12).Select(i => $"f{i}")) + " }");

        Assert.Equal(
            (5, 7),
            (response.GetProperty("errors").GetArrayLength(), response.GetProperty("extensions").GetProperty("omittedErrors").GetInt32()));
    }

    [Fact]
    public async Task MaxErrors_IsASetting()
    {
        await using var terse = await TransportServer.StartAsync(options => options.MaxErrors = 1);

        var response = await PostAsync(terse, "{ f1 f2 f3 }");

        Assert.Equal((1, 2), (response.GetProperty("errors").GetArrayLength(), response.GetProperty("extensions").GetProperty("omittedErrors").GetInt32()));
    }

    /// <summary>GraphQL.NET's own wording, with the type names and suggestions a schema can be rebuilt from, where introspection is on.</summary>
    [Fact]
    public async Task UnknownField_WithIntrospectionOn_NamesTheTypeAndTheNearestField()
    {
        await using var open = await TransportServer.StartAsync(options => options.Introspection = true);

        var response = await PostAsync(open, "{ greetin }");

        Assert.Equal("Cannot query field 'greetin' on type 'Query'. Did you mean 'greeting'?", response.ErrorMessage());
    }

    [Theory]
    [InlineData("{ greetin }", null, "Cannot query field 'greetin'.")]
    [InlineData("{ greeting(nam: \"Ada\") }", null, "Unknown argument 'nam'.")]
    [InlineData("mutation { rename }", null, "'rename' is missing a required argument.")]
    [InlineData("{ greeting { length } }", null, "This field has no subfields to select.")]
    [InlineData("{ greeting(name: 1) }", null, "Argument 'name' has an invalid value.")]
    [InlineData("query($n: Boolean) { greeting(name: $n) }", null, "Variable '$n' is used where its type is not allowed.")]
    [InlineData("{ ... on Strin { greeting } }", null, "Unknown type 'Strin'.")]
    [InlineData("{ greeting greeting: failure }", null, "Fields 'greeting' conflict; use different aliases to fetch both.")]
    [InlineData("query($n: String = 1) { greeting(name: $n) }", null, "This default value does not fit its variable's type.")]
    [InlineData("{ ... on Mutation { rename(name: \"Ada\") } }", null, "This fragment can never apply here.")]
    [InlineData("mutation($n: String!) { rename(name: $n) }", """{"n":{"nested":1}}""", "Variable '$n' is invalid.")]
    [InlineData("mutation($n: String!) { rename(name: $n) }", """{"n":null}""", "Variable '$n' is invalid. Received a null input for a non-null variable.")]
    public async Task Errors_WithIntrospectionOff_NameOnlyWhatTheDocumentNamed(string document, string? variables, string message)
    {
        var response = await PostAsync(server, document, variables);

        Assert.Equal(message, response.ErrorMessage());
    }

    private static async Task<JsonElement> PostAsync(TransportServer target, string document, string? variables = null)
    {
        var body = variables is null
            ? JsonSerializer.Serialize(new { query = document })
            : JsonSerializer.Serialize(new { query = document, variables = JsonDocument.Parse(variables).RootElement });
        var reply = await target.PostAsync(body, "application/graphql-response+json");
        return JsonDocument.Parse(reply.Body).RootElement;
    }
}
