using GraphQLParser;
using GraphQLParser.AST;

namespace Phm.Api.Transport;

/// <summary>
/// One level of what a document asks for: the selections of a selection set and, through its fragment spreads and inline
/// fragments, theirs, in document order, each fragment itself among them. A field's own selection set is the next level, walked
/// again by whoever needs it. Each named fragment is entered once a walk, so a cycle of spreads ends: validation refuses such a
/// document, but some readers (read routing, the PCN scope) see a document before it is validated. Directives are not
/// evaluated: a selection under <c>@skip</c> or <c>@include(if: false)</c> is walked like any other.
/// </summary>
internal static class SelectionWalk
{
    /// <summary>The selections of <paramref name="selectionSet"/>'s level, fragments entered; none for a field without one.</summary>
    public static IEnumerable<ASTNode> Level(GraphQLDocument document, GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null)
            yield break;
        var enteredFragments = new HashSet<string>(StringComparer.Ordinal);
        // A stack, not recursion, so that fragments nested deep do not nest the walk as deep.
        var pending = new Stack<ASTNode>();
        PushInDocumentOrder(pending, selectionSet);
        while (pending.TryPop(out var selection))
        {
            yield return selection;
            var entered = selection switch
            {
                GraphQLInlineFragment inline => inline.SelectionSet,
                GraphQLFragmentSpread spread when enteredFragments.Add(spread.FragmentName.Name.StringValue) =>
                    document.FindFragmentDefinition(spread.FragmentName.Name.Value)?.SelectionSet,
                _ => null,
            };
            if (entered is not null)
                PushInDocumentOrder(pending, entered);
        }
    }

    /// <summary>The fields of <paramref name="selectionSet"/>'s level, those of its fragments included.</summary>
    public static IEnumerable<GraphQLField> Fields(GraphQLDocument document, GraphQLSelectionSet? selectionSet) =>
        Level(document, selectionSet).OfType<GraphQLField>();

    private static void PushInDocumentOrder(Stack<ASTNode> pending, GraphQLSelectionSet selectionSet)
    {
        for (var i = selectionSet.Selections.Count - 1; i >= 0; i--)
            pending.Push(selectionSet.Selections[i]);
    }
}
