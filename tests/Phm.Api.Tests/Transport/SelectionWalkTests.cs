using GraphQLParser;
using GraphQLParser.AST;
using Phm.Api.Transport;

namespace Phm.Api.Tests.Transport;

/// <summary>
/// A walk lists one level of a document's selections, fragments entered and listed themselves, in document order; it never enters
/// a field's own selection set, evaluates no directive, and enters each named fragment once, so a cycle of spreads ends.
/// </summary>
public sealed class SelectionWalkTests
{
    [Fact]
    public void Level_ListsTheSetsOwnSelections_InDocumentOrder_NotTheirSubSelections()
    {
        Assert.Equal(["a", "b", "c"], Walked("{ a b { inner } c }"));
    }

    [Fact]
    public void Level_EntersAnInlineFragment_AfterListingIt()
    {
        Assert.Equal(["a", "... on Query", "b", "c"], Walked("{ a ... on Query { b } c }"));
    }

    [Fact]
    public void Level_EntersASpreadFragment_AfterListingIt()
    {
        Assert.Equal(["a", "...f", "b", "c"], Walked("{ a ...f c } fragment f on Query { b }"));
    }

    [Fact]
    public void Level_EntersFragmentsWithinFragments()
    {
        Assert.Equal(["...f", "... on Query", "...g", "b"], Walked("{ ...f } fragment f on Query { ... on Query { ...g } } fragment g on Query { b }"));
    }

    [Fact]
    public void Level_WalksSelectionsUnderSkipAndInclude_AsAnyOther()
    {
        Assert.Equal(["a", "... on Query", "b", "...f", "c"],
            Walked("{ a @skip(if: true) ... on Query @include(if: false) { b } ...f @skip(if: true) } fragment f on Query { c }"));
    }

    [Fact]
    public void Level_EntersAFragmentOnce_SoASpreadOfItselfEnds()
    {
        Assert.Equal(["...f", "a", "...f"], Walked("{ ...f } fragment f on Query { a ...f }"));
    }

    [Fact]
    public void Level_EntersEachFragmentOfACycleOnce()
    {
        Assert.Equal(["...f", "a", "...g", "b", "...f"], Walked("{ ...f } fragment f on Query { a ...g } fragment g on Query { b ...f }"));
    }

    [Fact]
    public void Level_EntersAFragmentSpreadTwice_Once()
    {
        Assert.Equal(["...f", "a", "...f"], Walked("{ ...f ...f } fragment f on Query { a }"));
    }

    [Fact]
    public void Level_ListsASpreadOfAnUnknownFragment_AndNothingFromIt()
    {
        Assert.Equal(["a", "...missing"], Walked("{ a ...missing }"));
    }

    [Fact]
    public void Fields_AreTheLevelsFieldsAlone()
    {
        var document = Parser.Parse("{ a ... on Query { b } ...f } fragment f on Query { c }");

        Assert.Equal(["a", "b", "c"], SelectionWalk.Fields(document, RootOf(document)).Select(field => field.Name.StringValue));
    }

    [Fact]
    public void Level_OfAFieldWithoutASelectionSet_IsEmpty()
    {
        Assert.Empty(SelectionWalk.Level(Parser.Parse("{ a }"), selectionSet: null));
    }

    /// <summary>The walk of the first operation's root level, each selection shown as it reads in the document.</summary>
    private static IEnumerable<string> Walked(string query)
    {
        var document = Parser.Parse(query);
        return SelectionWalk.Level(document, RootOf(document)).Select(selection => selection switch
        {
            GraphQLField field => field.Name.StringValue,
            GraphQLInlineFragment inline => $"... on {inline.TypeCondition!.Type.Name.StringValue}",
            GraphQLFragmentSpread spread => $"...{spread.FragmentName.Name.StringValue}",
            _ => throw new InvalidOperationException($"Not a selection: {selection.Kind}."),
        });
    }

    private static GraphQLSelectionSet RootOf(GraphQLDocument document) => document.Definitions.OfType<GraphQLOperationDefinition>().First().SelectionSet;
}
