using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Api.Practices;

public sealed class PcnNotFoundError(string argument, string pcnCode)
    : InvalidArgumentError(argument, $"no PCN has the code '{pcnCode}'.", ErrorCode)
{
    public const string ErrorCode = "PCN_NOT_FOUND";

    public static async Task ThrowIfUnknownAsync(PhmDbContext db, string argument, string? pcnCode, CancellationToken cancellationToken)
    {
        if (pcnCode is not null && !await db.Pcns.AnyAsync(p => p.Code == pcnCode, cancellationToken))
            throw new PcnNotFoundError(argument, pcnCode);
    }

    /// <summary>The same check against the reference data the request already holds, without a query.</summary>
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

    public static async Task ThrowIfUnknownAsync(PhmDbContext db, string argument, string? practiceCode, CancellationToken cancellationToken)
    {
        if (practiceCode is not null && !await db.Practices.AnyAsync(p => p.Code == practiceCode, cancellationToken))
            throw new PracticeNotFoundError(argument, practiceCode);
    }

    /// <summary>The same check against the reference data the request already holds, without a query.</summary>
    public static void ThrowIfUnknown(StoreReference reference, string argument, string? practiceCode)
    {
        if (practiceCode is not null && !reference.PracticesByCode.ContainsKey(practiceCode))
            throw new PracticeNotFoundError(argument, practiceCode);
    }
}
