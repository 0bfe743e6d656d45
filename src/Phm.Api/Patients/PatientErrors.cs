using System.Globalization;

namespace Phm.Api.Patients;

public sealed class AgeRangeInvalidError(string argument, string reason) : InvalidArgumentError(argument, reason, ErrorCode)
{
    public const string ErrorCode = "AGE_RANGE_INVALID";
}

public sealed class DateRangeInvalidError(string argument, DateOnly from, DateOnly to)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"the period starts on {from:yyyy-MM-dd}, after its end {to:yyyy-MM-dd}."), ErrorCode)
{
    public const string ErrorCode = "DATE_RANGE_INVALID";
}
