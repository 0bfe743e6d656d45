using GraphQL;
using GraphQLParser.AST;
using Phm.Api.Transport;

namespace Phm.Api.Loading;

/// <summary>
/// What the document asks for beneath the field being resolved, read before resolving it, so that a resolver can read a level's
/// records in the same statement as the level itself instead of leaving them to a batch of their own.
/// </summary>
public static class SelectionLookahead
{
    /// <summary>
    /// Whether the field's selection reaches a field by <paramref name="path"/> (field names, not aliases), through fragments and
    /// inline fragments (<see cref="SelectionWalk"/>). Directives are not evaluated: a field under <c>@skip</c> still counts, which costs a read, never an answer.
    /// </summary>
    public static bool Selects(IResolveFieldContext context, params ReadOnlySpan<string> path) =>
        Selects(context.Document, context.FieldAst.SelectionSet, path);

    private static bool Selects(GraphQLDocument document, GraphQLSelectionSet? selectionSet, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty)
            return true;
        foreach (var field in SelectionWalk.Fields(document, selectionSet))
        {
            if (field.Name.Value.Span.SequenceEqual(path[0]) && Selects(document, field.SelectionSet, path[1..]))
                return true;
        }
        return false;
    }
}
