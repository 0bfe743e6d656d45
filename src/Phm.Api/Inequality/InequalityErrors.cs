using System.Globalization;

namespace Phm.Api.Inequality;

public sealed class InequalityWindowError(string argument, int months, int longest)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"a window of {months} months; it must be 1 to {longest}."), ErrorCode)
{
    public const string ErrorCode = "WINDOW_OUT_OF_RANGE";

    public static void ThrowIfOutOfRange(string argument, int months, int longest)
    {
        if (months < 1 || months > longest)
            throw new InequalityWindowError(argument, months, longest);
    }
}
