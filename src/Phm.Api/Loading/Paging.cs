using System.Buffers.Text;
using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using GraphQL.Validation;

namespace Phm.Api.Loading;

/// <summary>
/// Cursors of one connection: its prefix and the key of an edge, in Base64Url, so that clients treat them as opaque and a
/// cursor of one connection is refused by another.
/// </summary>
public sealed class CursorFormat(string prefix)
{
    public string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(prefix + key));

    /// <summary>The key inside <paramref name="cursor"/>, or null if it is not a cursor <see cref="Encode"/> made.</summary>
    public string? Decode(string cursor)
    {
        if (!Base64Url.IsValid(cursor))
            return null;
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length ? text[prefix.Length..] : null;
    }
}

/// <summary>Forward paging of a Relay connection: <c>first</c> and <c>after</c>, checked before the query runs.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Adds <c>first</c> and <c>after</c>, described for pages of <paramref name="items"/> (each an <paramref name="item"/>).</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string items, string item) => field
        .Argument<IntGraphType>("first", arg =>
        {
            arg.Description = $"{items} per page, 0 to {MaxPageSize}; {DefaultPageSize} if not given or null.";
            arg.DefaultValue = DefaultPageSize;
        })
        .Argument<StringGraphType>("after", $"Start after the {item} with this cursor (an edge's cursor or pageInfo.endCursor).");

    /// <summary>Refuses a page size out of range, or an <c>after</c> that is not one of <paramref name="cursors"/>.</summary>
    public static void ValidatePageArguments(FieldArgumentsValidationContext context, CursorFormat cursors)
    {
        if (context.GetArgument<int?>("first") is { } first and (< 0 or > MaxPageSize))
            throw new PageSizeOutOfRangeError("first", context.FieldDefinition.Name, first);
        if (context.GetArgument<string?>("after") is { } after && cursors.Decode(after) is null)
            throw new MalformedCursorError("after");
    }

    public static int First(IResolveFieldContext context) => context.GetArgument<int?>("first") ?? DefaultPageSize;

    /// <summary>The connection of a page read one row beyond <paramref name="first"/>, to learn whether another page follows.</summary>
    public static Connection<T> ToConnection<T>(IReadOnlyList<T> rows, int first, bool afterACursor, Func<T, string> cursorOf, int? totalCount = null)
    {
        var edges = rows.Take(first).Select(row => new Edge<T> { Node = row, Cursor = cursorOf(row) }).ToList();
        return new Connection<T>
        {
            TotalCount = totalCount,
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = rows.Count > first,
                HasPreviousPage = afterACursor,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }
}
