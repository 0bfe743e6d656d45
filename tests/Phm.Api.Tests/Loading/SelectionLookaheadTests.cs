using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using Phm.Api.Loading;

namespace Phm.Api.Tests.Loading;

/// <summary>
/// A resolver asks whether the document reaches a field beneath it by a path of field names, through fragments and inline fragments;
/// aliases do not count as names, directives are not evaluated (a skipped field costs a read, never an answer), and a cycle of
/// fragments ends.
/// </summary>
public sealed class SelectionLookaheadTests
{
    [Theory]
    [InlineData("{ patients { items { conditions { register } } } }")]
    [InlineData("{ patients { items { ...c } } } fragment c on Patient { conditions { register } }")]
    [InlineData("{ patients { ... on PatientPage { items { ... on Patient { conditions { register } } } } } }")]
    [InlineData("{ patients { ...page } } fragment page on PatientPage { items { ...c } } fragment c on Patient { ...d } fragment d on Patient { conditions { register } }")]
    [InlineData("{ patients { rows: items { registers: conditions { register } } } }")]
    [InlineData("{ patients { items { conditions @skip(if: true) { register } } } }")]
    [InlineData("{ patients { items @include(if: false) { ...c } } } fragment c on Patient { conditions { register } }")]
    public void Selects_APathReached_ThroughFragmentsAliasesAndDirectives(string query)
    {
        Assert.True(SelectionLookahead.Selects(PatientsField(query), "items", "conditions"));
    }

    [Theory]
    [InlineData("{ patients { items { id } } }")]
    [InlineData("{ patients { items { conditions: id } } }")]
    [InlineData("{ patients { conditions { register } items { id } } }")]
    [InlineData("{ patients { items { ...c } } } fragment c on Patient { id } fragment unused on Patient { conditions { register } }")]
    [InlineData("{ patients { items { ...missing } } }")]
    public void DoesNotSelect_APathNotReached_ByItsFieldNames(string query)
    {
        Assert.False(SelectionLookahead.Selects(PatientsField(query), "items", "conditions"));
    }

    [Theory]
    [InlineData("{ patients { ...page } } fragment page on PatientPage { ...page items { id } }")]
    [InlineData("{ patients { ...page } } fragment page on PatientPage { ...rows } fragment rows on PatientPage { items { id } ...page }")]
    [InlineData("{ patients { items { ...c } } } fragment c on Patient { id ...c }")]
    public void ACycleOfFragments_Ends_WithTheAnswerItsFieldsGive(string query)
    {
        Assert.False(SelectionLookahead.Selects(PatientsField(query), "items", "conditions"));
    }

    [Fact]
    public void AnEmptyPath_IsAlwaysSelected()
    {
        Assert.True(SelectionLookahead.Selects(PatientsField("{ patients { id } }")));
    }

    /// <summary>The context of the root field <c>patients</c>, as GraphQL.NET gives its resolver.</summary>
    private static ResolveFieldContext PatientsField(string query)
    {
        var document = Parser.Parse(query);
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        return new ResolveFieldContext { Document = document, FieldAst = operation.SelectionSet.Selections.OfType<GraphQLField>().Single() };
    }
}
