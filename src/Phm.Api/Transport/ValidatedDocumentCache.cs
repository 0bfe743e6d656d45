using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Phm.Api.Transport;

/// <summary>
/// Documents already parsed and validated, by their text and operation name, so a document sent again skips parsing and the rules
/// that depend on the document alone (GraphQL.NET's document cache mechanism, <see cref="ExecutionOptions.CachedDocumentValidationRules"/>).
/// Only documents that passed validation and ran are kept. The rules that depend on the request still run on every request:
/// who may use each field (the caller's role), the fields' argument checks (the PCN scope, names that must exist, page sizes, with
/// the request's variables) and depth and complexity (which count the arguments' values); variables are coerced per request too.
/// So a cached document never carries one caller's authorisation or result to another. Bounded by the total length of the
/// documents kept (<see cref="GraphQLHttpOptions.DocumentCacheSize"/>), least recently used first out.
/// </summary>
internal sealed class ValidatedDocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache? documents;

    public ValidatedDocumentCache(IOptions<GraphQLHttpOptions> options)
    {
        var size = options.Value.DocumentCacheSize;
        documents = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
    }

    // After every option is configured (100), so the rules it keeps for cached documents are the request's own; before the PCN
    // scope (250), which reads the document it gives.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (documents is null || options.Document is not null || options.Query is not { } query)
            return await next(options);

        var key = new DocumentKey(query, options.OperationName);
        if (documents.TryGetValue(key, out GraphQLDocument? cached))
        {
            options.Document = cached;
            options.ValidationRules = RulesForCachedDocument(options);
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } document)
            documents.Set(key, document, new MemoryCacheEntryOptions { Size = query.Length });
        return result;
    }

    public void Dispose() => documents?.Dispose();

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

    private readonly record struct DocumentKey(string Query, string? OperationName);
}
