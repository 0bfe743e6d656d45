using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

// The schema tests and their harness live in the root test namespace: a namespace Phm.Api.Tests.Schema would hide
// GraphQL.Types.Schema from every test namespace beside it.
namespace Phm.Api.Tests;

public sealed class SchemaTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Fact]
    public void Sdl_PrintedInNameOrder_MatchesApprovedSnapshot()
    {
        var sdl = fixture.Host.Schema.Print(new PrintOptions { StringComparison = StringComparison.Ordinal });

        Snapshot.Match(sdl);
    }

    [Fact]
    public void EveryTypeFieldAndArgument_OfOurSchema_IsDescribed()
    {
        var schema = fixture.Host.Schema;
        schema.Initialize();

        var undescribed = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !IsBuiltIn(t)))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
                undescribed.Add(type.Name);
            if (type is not IComplexGraphType complex)
                continue;
            foreach (var field in complex.Fields)
            {
                if (string.IsNullOrWhiteSpace(field.Description))
                    undescribed.Add($"{type.Name}.{field.Name}");
                undescribed.AddRange(field.Arguments?.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{type.Name}.{field.Name}({a.Name})") ?? []);
            }
        }

        Assert.Empty(undescribed);
    }

    private static bool IsBuiltIn(IGraphType type) => type is ScalarGraphType && type.Name is "String" or "Int" or "Float" or "Boolean" or "ID";
}
