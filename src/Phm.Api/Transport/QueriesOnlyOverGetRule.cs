using GraphQL.Validation;
using GraphQLParser.AST;

namespace Phm.Api.Transport;

/// <summary>
/// Refuses any operation but a query on GET: GET must be safe, and a mutation reachable by a link or an image tag
/// would be open to cross-site request forgery.
/// </summary>
internal sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGetRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
            context.ReportError(new OperationNotAllowedOverGetError(context.Document.Source, context.Operation));
        return default;
    }
}
