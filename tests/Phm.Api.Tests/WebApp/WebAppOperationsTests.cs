using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using Phm.Web.Hub;

namespace Phm.Api.Tests.WebApp;

/// <summary>The web app's operations (the .graphql files beside its components) against the hub's schema: a renamed field fails here.</summary>
public sealed class WebAppOperationsTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    public static TheoryData<string> OperationNames => [.. GraphQLOperation.All().Select(o => o.Name)];

    [Fact]
    public void TheAppHasOperations()
    {
        Assert.NotEmpty(GraphQLOperation.All());
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task Operation_IsValidAgainstTheSchema_AndNamedAsItsFile(string name)
    {
        var document = GraphQLParser.Parser.Parse(GraphQLOperation.Named(name).Document);
        var operation = Assert.Single(document.Definitions.OfType<GraphQLOperationDefinition>());
        var schema = fixture.Host.Schema;
        schema.Initialize();

        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            RequestServices = null!,
        });

        Assert.Equal(name, operation.Name?.StringValue);
        // The variables' values are the page's to give at run time; the document itself must validate.
        Assert.Equal([], result.Errors.Where(e => e is not InvalidVariableError).Select(e => e.Message));
    }
}
