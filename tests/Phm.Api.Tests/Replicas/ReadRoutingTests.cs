using GraphQL.Types;
using GraphQLParser;
using Phm.Api.Replicas;

namespace Phm.Api.Tests.Replicas;

/// <summary>
/// A query may read the replica unless one of its root fields, directly or through fragments and whatever its alias or
/// directives, reads its own writes; a mutation never may. The document is read before validation, so a cycle of fragments ends.
/// </summary>
public sealed class ReadRoutingTests
{
    private static readonly Schema Schema = SchemaWithOneFieldReadingOwnWrites();

    [Theory]
    [InlineData("{ practices }")]
    [InlineData("{ practices ...f } fragment f on Query { __typename }")]
    [InlineData("query Replica { practices } query Primary { savedCohorts }", "Replica")]
    [InlineData("{ ...f } fragment f on Query { ...f practices }")]
    [InlineData("{ savedCohorts: practices }")]
    public void AQuery_OfFieldsReadingNoOwnWrites_MayReadTheReplica(string query, string? operationName = null)
    {
        Assert.True(ReadRouting.MayReadFromReplica(Parser.Parse(query), operationName, Schema));
    }

    [Theory]
    [InlineData("{ practices savedCohorts }")]
    [InlineData("{ mine: savedCohorts }")]
    [InlineData("{ savedCohorts @skip(if: true) practices }")]
    [InlineData("{ ... on Query { savedCohorts } }")]
    [InlineData("{ ...f } fragment f on Query { ... on Query { ...g } } fragment g on Query { savedCohorts }")]
    [InlineData("{ ...f } fragment f on Query { ...g } fragment g on Query { ...f savedCohorts }")]
    [InlineData("query Replica { practices } query Primary { savedCohorts }", "Primary")]
    public void AQuery_WithARootFieldReadingItsOwnWrites_ReadsThePrimary(string query, string? operationName = null)
    {
        Assert.False(ReadRouting.MayReadFromReplica(Parser.Parse(query), operationName, Schema));
    }

    [Fact]
    public void AMutation_ReadsThePrimary()
    {
        Assert.False(ReadRouting.MayReadFromReplica(Parser.Parse("mutation { practices }"), operationName: null, Schema));
    }

    private static Schema SchemaWithOneFieldReadingOwnWrites()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("practices").Resolve(_ => null);
        query.Field<StringGraphType>("savedCohorts").ReadsOwnWrites().Resolve(_ => null);
        return new Schema { Query = query };
    }
}
