using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Practices;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Deprivation;

/// <summary>
/// Counts the patients alive at the reference date by practice and quintiles, then rolls the counts up to the asked grouping,
/// showing the counts under <see cref="DisclosureControl"/>. A context scoped to one PCN counts only its patients and
/// lists only its groups.
/// </summary>
public static class DeprivationProfile
{
    private static readonly int[] Quintiles = [1, 2, 3, 4, 5];

    public static async Task<IReadOnlyList<DeprivationGroup>> BuildAsync(
        PhmDbContext db, DeprivationGrouping grouping, DateOnly referenceDate, DisclosureControl control, CancellationToken cancellationToken)
    {
        // Counting by practice and LSOA over the patients alone, then placing the few thousand cells in their quintiles here,
        // takes about half the time of joining every patient to its LSOA in SQL.
        var counts = await db.Patients.AliveOn(referenceDate)
            .GroupBy(p => new { p.PracticeCode, p.LsoaCode })
            .Select(g => new { g.Key.PracticeCode, g.Key.LsoaCode, Patients = g.Count() })
            .ToListAsync(cancellationToken);
        var lsoas = await db.Lsoas.AsNoTracking()
            .Select(l => new { l.Code, l.NationalQuintile, l.LocalQuintile })
            .ToDictionaryAsync(l => l.Code, cancellationToken);
        var cells = counts
            .Select(c => new Cell(c.PracticeCode, lsoas[c.LsoaCode].NationalQuintile, lsoas[c.LsoaCode].LocalQuintile, c.Patients))
            .ToList();

        var level = grouping == DeprivationGrouping.Pcn ? OrganisationLevel.Pcn : OrganisationLevel.Practice;
        var (names, groupOf) = await OrganisationGroups.OfAsync(db, level, referenceDate, cancellationToken);
        var cellsByGroup = cells.Where(c => groupOf(c.PracticeCode) is not null).ToLookup(c => groupOf(c.PracticeCode)!);
        return [.. names.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Profile(g.Key, g.Value, [.. cellsByGroup[g.Key]], control))];
    }

    private static DeprivationGroup Profile(string code, string name, IReadOnlyList<Cell> cells, DisclosureControl control)
    {
        var total = cells.Sum(c => c.Patients);
        return new DeprivationGroup(
            new OdsOrganisation(code, name),
            Disclosure.Count(total, control),
            ByQuintile(cells, c => c.NationalQuintile, total, control),
            ByQuintile(cells, c => c.LocalQuintile, total, control),
            PatientShare.Of(cells.Where(c => c.LocalQuintile is null).Sum(c => c.Patients), total, control));
    }

    private static IReadOnlyList<QuintileShare> ByQuintile(IReadOnlyList<Cell> cells, Func<Cell, int?> quintileOf, int total, DisclosureControl control) =>
    [
        .. Quintiles.Select(quintile =>
        {
            var share = PatientShare.Of(cells.Where(c => quintileOf(c) == quintile).Sum(c => c.Patients), total, control);
            return new QuintileShare(quintile, share.Patients, share.Percentage);
        }),
    ];

    private sealed record Cell(string PracticeCode, int NationalQuintile, int? LocalQuintile, int Patients);
}
