using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Phm.Api.Transport;

/// <summary>Content negotiation over an <c>Accept</c> header, following RFC 9110 §12.5.1.</summary>
internal static class AcceptHeader
{
    /// <summary>Supported response types, preferred first.</summary>
    private static readonly string[] ResponseMediaTypes = [GraphQLMediaTypes.GraphQLResponseJson, GraphQLMediaTypes.Json];

    private enum Specificity { AnyType, AnySubtype, Exact }

    private readonly record struct Match(double Quality, Specificity Specificity);

    /// <summary>
    /// The response media type for <paramref name="accept"/>, or null if it allows neither (406).
    /// The highest quality wins, then the most specific range (a type named outright beats a wildcard);
    /// a tie between named types goes to <see cref="GraphQLMediaTypes.GraphQLResponseJson"/>, a tie between wildcards to <paramref name="wildcardMediaType"/>.
    /// </summary>
    public static string? NegotiateResponseMediaType(StringValues accept, string wildcardMediaType)
    {
        var ranges = Parse(accept);
        if (ranges.Count == 0)
            return wildcardMediaType;

        return ResponseMediaTypes
            .Select(mediaType => (MediaType: mediaType, Match: BestMatch(mediaType, ranges)))
            .Where(candidate => candidate.Match.Quality > 0)
            .OrderByDescending(candidate => candidate.Match.Quality)
            .ThenByDescending(candidate => candidate.Match.Specificity)
            .ThenBy(candidate => candidate.Match.Specificity == Specificity.Exact || candidate.MediaType == wildcardMediaType ? 0 : 1)
            .Select(candidate => candidate.MediaType)
            .FirstOrDefault();
    }

    /// <summary>Whether <paramref name="accept"/> names <c>text/html</c> outright, as browsers do when navigating (not merely through <c>*/*</c>).</summary>
    public static bool NamesHtml(StringValues accept) =>
        Parse(accept).Any(range => range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && (range.Quality ?? 1) > 0);

    private static IList<MediaTypeHeaderValue> Parse(StringValues accept) =>
        MediaTypeHeaderValue.TryParseList(accept, out var ranges) ? ranges : [];

    /// <summary>The quality the client gives <paramref name="mediaType"/>: that of the most specific range matching it (0 if none does).</summary>
    private static Match BestMatch(string mediaType, IList<MediaTypeHeaderValue> ranges)
    {
        Match? best = null;
        foreach (var range in ranges)
        {
            if (SpecificityOfMatch(range, mediaType) is { } specificity && AllowsUtf8(range)
                && (best is null || specificity > best.Value.Specificity))
                best = new Match(range.Quality ?? 1, specificity);
        }
        return best ?? new Match(0, Specificity.AnyType);
    }

    private static Specificity? SpecificityOfMatch(MediaTypeHeaderValue range, string mediaType)
    {
        if (range.MatchesAllTypes)
            return Specificity.AnyType;
        if (range.MatchesAllSubTypes)
            return mediaType.StartsWith(range.Type + "/", StringComparison.OrdinalIgnoreCase) ? Specificity.AnySubtype : null;
        return range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? Specificity.Exact : null;
    }

    /// <summary>Whether a media type allows UTF-8: responses are always UTF-8, so a range asking for another charset does not match.</summary>
    internal static bool AllowsUtf8(MediaTypeHeaderValue range) =>
        !range.Charset.HasValue || range.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}
