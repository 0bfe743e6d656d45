using System.Globalization;
using Phm.Api.Loading;

namespace Phm.Api.Patients;

public sealed class PageSizeOutOfRangeError(string argument, int pageSize)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"a page holds 0 to {Paging.MaxPageSize} patients, not {pageSize}."), ErrorCode)
{
    public const string ErrorCode = "PAGE_SIZE_OUT_OF_RANGE";
}

public sealed class MalformedCursorError(string argument)
    : InvalidArgumentError(argument, "not a cursor this hub returned; pass the cursor of an edge or pageInfo.endCursor unchanged.", ErrorCode)
{
    public const string ErrorCode = "CURSOR_MALFORMED";
}

public sealed class AgeRangeInvalidError(string argument, string reason) : InvalidArgumentError(argument, reason, ErrorCode)
{
    public const string ErrorCode = "AGE_RANGE_INVALID";
}

public sealed class DateRangeInvalidError(string argument, DateOnly from, DateOnly to)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"the period starts on {from:yyyy-MM-dd}, after its end {to:yyyy-MM-dd}."), ErrorCode)
{
    public const string ErrorCode = "DATE_RANGE_INVALID";
}
