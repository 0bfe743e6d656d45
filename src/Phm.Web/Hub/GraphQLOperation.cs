using System.Collections.Concurrent;

namespace Phm.Web.Hub;

/// <summary>
/// A GraphQL operation kept as a <c>.graphql</c> file beside the component that runs it (embedded as
/// <c>graphql/&lt;Name&gt;.graphql</c>); the file is named as the operation it holds.
/// </summary>
public sealed record GraphQLOperation(string Name, string Document)
{
    public const string ResourcePrefix = "graphql/";

    private static readonly ConcurrentDictionary<string, GraphQLOperation> Loaded = new(StringComparer.Ordinal);

    /// <summary>The operation <paramref name="name"/> from its embedded file; a missing file is a programming error.</summary>
    public static GraphQLOperation Named(string name) => Loaded.GetOrAdd(name, static key =>
    {
        using var stream = typeof(GraphQLOperation).Assembly.GetManifestResourceStream(ResourcePrefix + key + ".graphql")
            ?? throw new InvalidOperationException($"No embedded operation file {key}.graphql in Phm.Web.");
        using var reader = new StreamReader(stream);
        return new GraphQLOperation(key, reader.ReadToEnd());
    });

    /// <summary>Every embedded operation, for the test that validates them against the schema.</summary>
    public static IEnumerable<GraphQLOperation> All() =>
        typeof(GraphQLOperation).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".graphql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => Named(name[ResourcePrefix.Length..^".graphql".Length]));
}
