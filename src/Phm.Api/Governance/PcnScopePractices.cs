using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Phm.Api.Loading;
using Phm.Api.Transport;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Governance;

/// <summary>
/// Before a PCN clinician's request runs, lists the practices of their PCN at the reference date (from the reference data held in
/// memory) in the request context's <see cref="PatientScope"/>, so the query filters compare each patient's practice with a list
/// instead of looking the membership up for each row. The list is taken per request for the caller's own PCN, and follows a rebuilt
/// store as the reference data does. A document already parsed that asks only for introspection (<c>{ __typename }</c>) reads no
/// data, so it is given no list and costs the store nothing; without a list the filters still hold the scope, through the lookup.
/// </summary>
internal sealed class PcnScopePractices : IConfigureExecution
{
    // After the document cache (200), which gives a document seen before to the request, and the read routing (210), which
    // must decide where the request's context reads before this first asks for it; validation, which reads through the
    // scope, runs after every one of these.
    public float SortOrder => 250;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // The scope is read from the claims first, so that other callers' requests do not take a context for nothing.
        if (options.RequestServices?.GetService<PatientScope>() is { IsRestricted: true }
            && !(options.Document is { } document && AsksOnlyForIntrospection(document))
            && options.RequestServices.GetRequiredService<PhmDbContext>() is { PatientScope.PcnCode: { } pcn } db)
        {
            var reference = await options.RequestServices.GetRequiredService<StoreReferenceLoader>().GetAsync(options.CancellationToken);
            db.PatientScope = db.PatientScope with { PracticeCodes = reference.PracticeCodesOf(pcn) };
        }
        return await next(options);
    }

    /// <summary>
    /// Whether every operation's root level holds only fields named <c>__…</c>: a fragment there is a selection that is not one,
    /// so a document with one is given the list, whatever the fragment selects.
    /// </summary>
    private static bool AsksOnlyForIntrospection(GraphQLDocument document) =>
        document.Definitions.All(definition => definition is GraphQLOperationDefinition operation
            && SelectionWalk.Level(document, operation.SelectionSet)
                .All(selection => selection is GraphQLField field && field.Name.Value.Span.StartsWith("__", StringComparison.Ordinal)));
}
