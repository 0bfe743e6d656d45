using System.Globalization;
using Phm.Data.Store;

namespace Phm.Api.Geography;

public sealed class QuintileOutOfRangeError(string argument, int quintile)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"a quintile is 1 (most deprived) to 5 (least deprived), not {quintile}."), ErrorCode)
{
    public const string ErrorCode = "QUINTILE_OUT_OF_RANGE";

    public static void ThrowIfOutOfRange(string argument, int? quintile)
    {
        if (quintile is < 1 or > 5)
            throw new QuintileOutOfRangeError(argument, quintile.Value);
    }
}

public sealed class LsoaNotFoundError(string argument, string lsoaCode)
    : InvalidArgumentError(argument, $"no LSOA has the code '{lsoaCode}'.", ErrorCode)
{
    public const string ErrorCode = "LSOA_NOT_FOUND";

    /// <summary>Checked against the reference data the request holds, without a query.</summary>
    public static void ThrowIfUnknown(StoreReference reference, string argument, string? lsoaCode)
    {
        if (lsoaCode is not null && !reference.Lsoas.ContainsKey(lsoaCode))
            throw new LsoaNotFoundError(argument, lsoaCode);
    }
}
