using Microsoft.EntityFrameworkCore;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

/// <summary>The organisations an aggregate of patients is grouped by.</summary>
public enum OrganisationLevel
{
    Pcn,
    Practice,
}

/// <summary>
/// The PCNs or practices an aggregate shows, within the context's scope: a context scoped to one PCN gets only that PCN, or
/// only the practices that are its members at the reference date.
/// </summary>
public static class OrganisationGroups
{
    /// <summary>The groups' names by code, and the group of each practice: itself, or its PCN at the reference date (none if it has none then).</summary>
    public static async Task<(Dictionary<string, string> Names, Func<string, string?> GroupOf)> OfAsync(
        PhmDbContext db, OrganisationLevel level, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var scopedPcn = db.PatientScope.PcnCode;
        if (level == OrganisationLevel.Practice && scopedPcn is null)
        {
            // Every practice, by itself: the PCNs do not matter.
            return (await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken), practiceCode => practiceCode);
        }

        var pcnOfPractice = await db.PcnMemberships.AsNoTracking().ValidOn(referenceDate)
            .ToDictionaryAsync(m => m.PracticeCode, m => m.PcnCode, cancellationToken);
        if (level == OrganisationLevel.Practice)
        {
            var practices = await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);
            return (practices.Where(p => pcnOfPractice.GetValueOrDefault(p.Key) == scopedPcn).ToDictionary(), practiceCode => practiceCode);
        }

        var pcns = await db.Pcns.AsNoTracking().Where(p => scopedPcn == null || p.Code == scopedPcn).ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);
        return (pcns, pcnOfPractice.GetValueOrDefault);
    }
}
