using Phm.Data.Store;

namespace Phm.Api.Practices;

public sealed class PcnNotFoundError(string argument, string pcnCode)
    : InvalidArgumentError(argument, $"no PCN has the code '{pcnCode}'.", ErrorCode)
{
    public const string ErrorCode = "PCN_NOT_FOUND";

    /// <summary>Checked against the reference data the request holds, without a query.</summary>
    public static void ThrowIfUnknown(StoreReference reference, string argument, string? pcnCode)
    {
        if (pcnCode is not null && !reference.PcnsByCode.ContainsKey(pcnCode))
            throw new PcnNotFoundError(argument, pcnCode);
    }
}

public sealed class PracticeNotFoundError(string argument, string practiceCode)
    : InvalidArgumentError(argument, $"no practice has the code '{practiceCode}'.", ErrorCode)
{
    public const string ErrorCode = "PRACTICE_NOT_FOUND";

    /// <summary>Checked against the reference data the request holds, without a query.</summary>
    public static void ThrowIfUnknown(StoreReference reference, string argument, string? practiceCode)
    {
        if (practiceCode is not null && !reference.PracticesByCode.ContainsKey(practiceCode))
            throw new PracticeNotFoundError(argument, practiceCode);
    }
}
