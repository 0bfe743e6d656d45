using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL.Transport;

namespace Phm.Api.Transport;

/// <summary>
/// Registered (trusted, or persisted) documents by their SHA-256, and the rule of <see cref="TrustedDocumentsMode"/> for each request.
/// A request names a registered document by <c>documentId</c> (<c>sha256:&lt;hex&gt;</c> or bare hex) or, as Apollo clients do,
/// by <c>extensions.persistedQuery.sha256Hash</c>.
/// </summary>
internal sealed class TrustedDocuments
{
    private const string DocumentIdPrefix = "sha256:";

    private readonly TrustedDocumentsMode mode;
    private readonly Dictionary<string, string> documentsByHash;

    public TrustedDocuments(TrustedDocumentsOptions options)
    {
        mode = options.Mode;
        documentsByHash = mode == TrustedDocumentsMode.Off ? new Dictionary<string, string>() : Load(options.File);
    }

    /// <summary>The request with its document in <see cref="GraphQLRequest.Query"/>; throws a <see cref="GraphQLHttpError"/> if it has none or may not run it.</summary>
    public GraphQLRequest Resolve(GraphQLRequest request)
    {
        var hash = mode == TrustedDocumentsMode.Off ? null : RequestedHash(request);
        if (hash is not null && string.IsNullOrEmpty(request.Query))
        {
            request.Query = documentsByHash.GetValueOrDefault(hash) ?? throw new PersistedDocumentNotFoundError();
            return request;
        }
        if (string.IsNullOrEmpty(request.Query))
            throw new MissingQueryError();
        if (mode == TrustedDocumentsMode.Only && !documentsByHash.ContainsKey(HashOf(request.Query)))
            throw new UntrustedDocumentError();
        return request;
    }

    /// <summary>A document's id: the lower-case hex SHA-256 of its UTF-8 text (also what the audit trail records).</summary>
    public static string HashOf(ReadOnlySpan<char> document)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(document)];
        Encoding.UTF8.GetBytes(document, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string? RequestedHash(GraphQLRequest request)
    {
        if (request.DocumentId is { } documentId)
            return (documentId.StartsWith(DocumentIdPrefix, StringComparison.Ordinal) ? documentId[DocumentIdPrefix.Length..] : documentId).ToLowerInvariant();
        return request.Extensions?.TryGetValue("persistedQuery", out var persistedQuery) == true
            && persistedQuery is IDictionary<string, object?> fields
            && fields.TryGetValue("sha256Hash", out var hash) && hash is string text
                ? text.ToLowerInvariant()
                : null;
    }

    /// <summary>Refuses to start with a file whose keys are not the hashes of their documents, rather than never matching them.</summary>
    private static Dictionary<string, string> Load(string? file)
    {
        if (string.IsNullOrEmpty(file))
            throw new InvalidOperationException("Phm:GraphQL:TrustedDocuments:File must name the registered documents when the mode is not Off.");
        var documents = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
            ?? throw new InvalidOperationException($"{file} holds no documents.");
        var registered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hash, document) in documents)
        {
            if (!string.Equals(hash, HashOf(document), StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"In {file}, {hash} is not the SHA-256 of its document.");
            registered[hash.ToLowerInvariant()] = document;
        }
        return registered;
    }
}
