using GraphQL.Validation;
using GraphQLParser.AST;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

/// <summary>
/// Refuses a document selecting a field the caller may not use, wherever it sits (alias, fragment, inline fragment), before it
/// runs: UNAUTHENTICATED without a valid token, FORBIDDEN for the wrong role. Every root field (query or mutation) must declare its roles
/// (<see cref="FieldAccess"/>); one that does not is refused to everyone, so a new field is closed until someone opens it.
/// Introspection (<c>__typename</c>, <c>__schema</c>, <c>__type</c>) stays open: the schema is public, the data is not.
/// </summary>
public sealed class FieldAccessRule : ValidationRuleBase
{
    public static readonly FieldAccessRule Instance = new();

    private static readonly INodeVisitor Visitor = new MatchingNodeVisitor<GraphQLField>((field, context) =>
    {
        var definition = context.TypeInfo.GetFieldDef();
        if (definition is null || definition.Name.StartsWith("__", StringComparison.Ordinal))
            return;
        var parent = context.TypeInfo.GetParentType();
        var isRoot = parent == context.Schema.Query || (parent is not null && parent == context.Schema.Mutation);
        var allowed = definition.AllowedRoles();
        if (allowed is null && !isRoot)
            return;
        if (!PhmRoles.IsAuthenticated(context.User))
            context.ReportError(new UnauthenticatedError(context, field));
        else if (allowed is null || PhmRoles.RoleOf(context.User) is not { } role || !allowed.Contains(role))
            context.ReportError(new ForbiddenError(context, field, allowed ?? []));
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
