using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Phm.Api.Transport;
using Phm.Data.Replicas;

namespace Phm.Api.Replicas;

/// <summary>
/// Decides, before the request's context is first asked for, whether its reads may go to the read replica
/// (<see cref="RequestReads"/>): a query may, unless one of its fields reads what callers write themselves (saved cohorts, the audit
/// trail: <see cref="PrimaryReads.ReadsOwnWrites{TSource, TReturn}"/>), which could lag on the replica behind a change the caller has just made.
/// Mutations, and whatever runs outside a GraphQL query (the audit writer, building, ingest, scoring), use the primary.
/// Runs after the document cache, so a document it has seen is not parsed again; one it has not is parsed here, once, by the
/// executer's own document builder (the executer then uses that parse).
/// </summary>
internal sealed class ReadRouting(IDocumentBuilder documentBuilder) : IConfigureExecution
{
    // After the document cache (200), before anything asks for the request's context (PcnScopePractices, 250).
    public float SortOrder => 210;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.RequestServices?.GetService<ReadReplica>() is { IsConfigured: true })
        {
            options.Document ??= TryParse(options.Query);
            if (options.Document is { } document && (options.Schema ?? options.RequestServices.GetService<ISchema>()) is { } schema && MayReadFromReplica(document, options.OperationName, schema))
                options.RequestServices.GetRequiredService<RequestReads>().MayUseReplica = true;
        }
        return next(options);
    }

    /// <summary>The parsed document, or null for one that does not parse, which the executer then refuses with its own error.</summary>
    private GraphQLDocument? TryParse(string? query)
    {
        if (query is null)
            return null;
        try
        {
            return documentBuilder.Build(query);
        }
        catch (GraphQLParserException)
        {
            return null;
        }
    }

    /// <summary>Whether the document's operation is a query none of whose root fields, directly or through fragments, reads its own writes.</summary>
    internal static bool MayReadFromReplica(GraphQLDocument document, string? operationName, ISchema schema)
    {
        var operation = document.OperationWithName(operationName);
        return operation is { Operation: OperationType.Query }
            && !SelectionWalk.Fields(document, operation.SelectionSet)
                .Any(field => schema.Query.GetField(field.Name.StringValue) is { } definition && PrimaryReads.IsReadingOwnWrites(definition));
    }
}
