using System.Globalization;

namespace Phm.Api.Loading;

/// <summary>A <c>first</c> out of range on any connection; the message names the connection's field, e.g. <c>patients</c>.</summary>
public sealed class PageSizeOutOfRangeError(string argument, string connectionField, int pageSize)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"a page holds 0 to {Paging.MaxPageSize} {connectionField}, not {pageSize}."), ErrorCode)
{
    public const string ErrorCode = "PAGE_SIZE_OUT_OF_RANGE";
}

public sealed class MalformedCursorError(string argument)
    : InvalidArgumentError(argument, "not a cursor this hub returned; pass the cursor of an edge or pageInfo.endCursor unchanged.", ErrorCode)
{
    public const string ErrorCode = "CURSOR_MALFORMED";
}
