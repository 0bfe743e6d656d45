using GraphQL.Validation;
using Phm.Api.Loading;
using Phm.Data.Store;

namespace Phm.Api.Governance;

/// <summary>
/// A clinician asking for another PCN's patients by name (a PCN, or a practice outside their PCN) is refused with FORBIDDEN,
/// not answered with an empty page that reads as "none". Arguments that name nothing are left to the scoped context.
/// </summary>
public static class PcnScopeArguments
{
    /// <summary>Refuses the first of <paramref name="named"/> (an argument's path and the PCN or practice it names) outside the caller's PCN.</summary>
    public static async Task RefuseOutsideAsync(FieldArgumentsValidationContext context, IEnumerable<(string Argument, string? Pcn, string? Practice)> named)
    {
        var db = context.RequestServices!.GetRequiredService<PhmDbContext>();
        if (db.PatientScope.PcnCode is not { } ownPcn)
            return;
        foreach (var (argument, pcn, practice) in named)
        {
            if (pcn is not null && pcn != ownPcn)
                throw new ForbiddenError($"Argument '{argument}': your token gives access to the patients of PCN {ownPcn} only.");
            if (practice is null)
                continue;
            var reference = await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken);
            if (!reference.PracticeCodesOf(ownPcn).Contains(practice))
                throw new ForbiddenError($"Argument '{argument}': your token gives access to the patients of the practices of PCN {ownPcn} only.");
        }
    }
}
