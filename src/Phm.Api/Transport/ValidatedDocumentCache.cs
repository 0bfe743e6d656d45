using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Phm.Api.Loading;
using Phm.Api.Risk;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Transport;

/// <summary>
/// Documents already parsed and validated, by their text and operation name, so a document sent again skips parsing and the rules
/// that depend on the document alone (GraphQL.NET's document cache mechanism, <see cref="ExecutionOptions.CachedDocumentValidationRules"/>).
/// Only documents that passed validation and ran are kept. The rules that depend on the request run for a cached document: who may
/// use each field (the caller's role), the fields' argument checks (the PCN scope, names that must exist, page sizes, with the
/// request's variables) and depth and complexity (which count the arguments' values); variables are coerced and arguments parsed for
/// every request that takes no kept outcome.
/// <para>
/// The outcome of those rules is kept too, when it was a pass and each field that checks its arguments declared that its checks read
/// only the store's reference data (<see cref="ArgumentChecks"/>): by the document, the rules asked for (GET or POST), the variables'
/// JSON, the caller's role and PCN and, where a check reads the store, the stamp of the store's build that the request reads
/// (<see cref="StoreReferenceLoader.GetStampAsync"/>), so a rebuild, by this process or another, is met by the next request's rules
/// once the stamp has moved, as the reference data is. A request with the same key then runs none of those rules. A check that read
/// the scored risk models (<see cref="ScoredModelsLoader"/>), which change without the stamp, keeps no outcome. So a kept outcome
/// never carries one caller's authorisation to another role or PCN, nor one build's names to another. The outcome kept is the
/// validation's result, with the variables and arguments it parsed, which the next request with the key is given rather than
/// parsing them again (<see cref="KeptValidationValidator"/>).
/// </para>
/// Both are bounded by <see cref="GraphQLHttpOptions.DocumentCacheSize"/> (total length of the documents, and of the documents and
/// variables, kept), least recently used first out.
/// </summary>
internal sealed class ValidatedDocumentCache : IConfigureExecution, IDisposable
{
    private static readonly IValidationRule[] NoRules = [];

    private readonly MemoryCache? documents;
    private readonly MemoryCache? passes;
    private readonly IGraphQLTextSerializer serializer;

    public ValidatedDocumentCache(IOptions<GraphQLHttpOptions> options, IGraphQLTextSerializer serializer)
    {
        var size = options.Value.DocumentCacheSize;
        documents = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
        passes = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
        this.serializer = serializer;
    }

    // After every option is configured (100), so the rules it keeps for cached documents are the request's own; before the PCN
    // scope (250), which reads the document it gives.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (documents is null || passes is null || options.Document is not null || options.Query is not { } query)
            return await next(options);

        var key = new DocumentKey(query, options.OperationName);
        if (!documents.TryGetValue(key, out CachedDocument? cached) || cached is null)
        {
            var result = await next(options);
            if (result.Executed && result.Document is { } document)
                documents.Set(key, new CachedDocument(document), new MemoryCacheEntryOptions { Size = query.Length });
            return result;
        }

        options.Document = cached.Document;
        var rules = RulesForCachedDocument(options);
        if (cached.Reads == ArgumentChecks.Reads.Undeclared)
        {
            options.ValidationRules = rules;
            return await next(options);
        }

        var kept = options.RequestServices!.GetRequiredService<KeptValidation>();
        var pass = cached.Reads is { } reads ? await PassKeyAsync(key, cached.Document, rules, reads, options) : null;
        if (pass is not null && passes.TryGetValue(pass, out IValidationResult? outcome) && outcome is not null)
        {
            options.ValidationRules = NoRules;
            kept.Taken = outcome;
            return await next(options);
        }

        var probe = new ArgumentChecks.Probe();
        options.ValidationRules = [.. rules, probe];
        kept.Keeping = true;
        var validated = await next(options);
        // Only a validation that ran to its end has visited every field.
        if (!validated.Executed)
            return validated;
        cached.Reads = probe.Found;
        if (probe.Found != ArgumentChecks.Reads.Undeclared && !ReadScoredModels(options) && kept.Given is { IsValid: true } given)
        {
            pass = await PassKeyAsync(key, cached.Document, rules, probe.Found, options);
            passes.Set(pass, given, new MemoryCacheEntryOptions { Size = query.Length + pass.Variables.Length });
        }
        return validated;
    }

    public void Dispose()
    {
        documents?.Dispose();
        passes?.Dispose();
    }

    /// <summary>
    /// The request's rules that depend on more than the document, in their order: those configured for cached documents (field
    /// access; a GET's queries-only rule), the fields' argument checks, and the complexity analyzer.
    /// </summary>
    private static IValidationRule[] RulesForCachedDocument(ExecutionOptions options)
    {
        var forCached = options.CachedDocumentValidationRules?.ToList() ?? [];
        var rules = (options.ValidationRules ?? DocumentValidator.CoreRules)
            .Where(rule => rule is FieldArgumentsAreValidRule or ComplexityValidationRule || forCached.Contains(rule))
            .ToList();
        rules.AddRange(forCached.Where(rule => !rules.Contains(rule)));
        return [.. rules];
    }

    /// <summary>
    /// Everything the request-dependent rules read of this request; the store's stamp only where an argument check reads the store.
    /// And the parsed document itself: a kept outcome's argument values are keyed by its nodes, so once the document has left the
    /// cache and been parsed again, a pass kept for the old parse must not be taken.
    /// </summary>
    private async Task<PassKey> PassKeyAsync(DocumentKey document, GraphQLDocument parsed, IValidationRule[] rules, ArgumentChecks.Reads reads, ExecutionOptions options)
    {
        var stamp = reads == ArgumentChecks.Reads.ReferenceData
            ? await options.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetStampAsync(options.CancellationToken)
            : null;
        var variables = options.Variables is { Count: > 0 } given ? serializer.Serialize(given) : "";
        return new PassKey(document, parsed, string.Join(' ', rules.Select(rule => rule.GetType().FullName)), variables,
            options.User.IsAuthenticated(), PhmRoles.RoleOf(options.User), options.User is { } user ? PhmRoles.PcnOf(user) : null, stamp);
    }

    /// <summary>Whether this request read the scored risk models (a check of a <c>model</c> or <c>filter.risk</c>, or a resolver).</summary>
    private static bool ReadScoredModels(ExecutionOptions options) =>
        options.RequestServices?.GetService<ScoredModelsLoader>() is { HasRead: true };

    private readonly record struct DocumentKey(string Query, string? OperationName);

    /// <summary>A document kept, with what its fields' argument checks read, once a request has probed them.</summary>
    private sealed class CachedDocument(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        public ArgumentChecks.Reads? Reads { get; set; }
    }

    /// <summary>The rules are named by their types: within one hub each type is configured once (the transport's POST and GET differ by one).</summary>
    private sealed record PassKey(
        DocumentKey Document,
        GraphQLDocument Parsed,
        string Rules,
        string Variables,
        bool IsAuthenticated,
        string? Role,
        string? Pcn,
        StoreStamp? Stamp);
}
