using GraphQL;
using GraphQL.Types;

namespace Phm.Api.Tests.Support;

/// <summary>Just enough schema to exercise the transport: a query, a mutation, a field whose resolver throws and one that never finishes unless cancelled.</summary>
internal sealed class TestSchema : Schema
{
    public TestSchema(IServiceProvider services) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<NonNullGraphType<StringGraphType>>("greeting")
            .Argument<StringGraphType>("name")
            .Resolve(context => $"Hello, {context.GetArgument("name", "world")}!");
        query.Field<StringGraphType>("failure")
            .Resolve(_ => throw new InvalidOperationException("The resolver failed."));
        query.Field<StringGraphType>("endless")
            .ResolveAsync(async context =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                return null;
            });
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field<NonNullGraphType<StringGraphType>>("rename")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(context => context.GetArgument<string>("name"));
        Mutation = mutation;
    }
}
