using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Practices;
using Phm.Data.Store;

namespace Phm.Api.Deprivation;

/// <summary>
/// Reads the patients alive at the reference date counted by practice and LSOA (<see cref="Phm.Data.Aggregates.PopulationCell"/>), then makes each practice's table (its total, national
/// quintiles, local quintiles and those outside the local authority) and shows them by PCN or practice under
/// <see cref="DisclosureControl"/> (<see cref="OrganisationTables"/>). A context scoped to one PCN counts only its patients and lists only its groups.
/// </summary>
public static class DeprivationProfile
{
    private static readonly int[] Quintiles = [1, 2, 3, 4, 5];

    public static async Task<IReadOnlyList<DeprivationGroup>> BuildAsync(
        PhmDbContext db, DeprivationGrouping grouping, DateOnly referenceDate, DisclosureControl control, CancellationToken cancellationToken)
    {
        // The living patients counted by practice and LSOA are kept with the store (at its reference date, which is the one
        // asked: the store has no other); their query filter keeps a scoped context to its PCN's practices, as the patients' does.
        // Placing the few thousand cells in their quintiles here takes about half the time of joining them to their LSOAs in SQL.
        var counts = await db.PopulationCells.AsNoTracking()
            .Select(c => new { c.PracticeCode, c.LsoaCode, c.Patients, Keys = c.RecordKeySum })
            .ToListAsync(cancellationToken);
        var lsoas = await db.Lsoas.AsNoTracking()
            .Select(l => new { l.Code, l.NationalQuintile, l.LocalQuintile })
            .ToDictionaryAsync(l => l.Code, cancellationToken);
        var cellsByPractice = counts
            .GroupBy(c => c.PracticeCode)
            .ToDictionary(practice => practice.Key, practice => (IReadOnlyDictionary<ProfileCell, CellCount>)Table([.. practice.Select(c =>
                new Cell(lsoas[c.LsoaCode].NationalQuintile, lsoas[c.LsoaCode].LocalQuintile, new CellCount(c.Patients, c.Keys)))]));

        var tables = await OrganisationTables.ShowAsync(
            db, grouping == DeprivationGrouping.Pcn ? OrganisationLevel.Pcn : OrganisationLevel.Practice, referenceDate, cellsByPractice, Margins, control, cancellationToken);
        return [.. tables.Select(Profile)];
    }

    /// <summary>A group's table: the national quintiles add up to its total, and so do the local quintiles with those outside the local authority.</summary>
    private static readonly Margin<ProfileCell>[] Margins =
    [
        new(ProfileCell.Total, [.. Quintiles.Select(ProfileCell.National)]),
        new(ProfileCell.Total, [.. Quintiles.Select(ProfileCell.Local), ProfileCell.Outside]),
    ];

    private static Dictionary<ProfileCell, CellCount> Table(IReadOnlyList<Cell> cells)
    {
        var table = new Dictionary<ProfileCell, CellCount> { [ProfileCell.Total] = Sum(cells), [ProfileCell.Outside] = Sum(cells.Where(c => c.LocalQuintile is null)) };
        foreach (var quintile in Quintiles)
        {
            table[ProfileCell.National(quintile)] = Sum(cells.Where(c => c.NationalQuintile == quintile));
            table[ProfileCell.Local(quintile)] = Sum(cells.Where(c => c.LocalQuintile == quintile));
        }
        return table;
    }

    private static DeprivationGroup Profile(OrganisationTable<ProfileCell> group)
    {
        var total = group.Cells[ProfileCell.Total];
        return new DeprivationGroup(
            new OdsOrganisation(group.Code, group.Name),
            total.Count,
            total.Suppression,
            [.. Quintiles.Select(q => QuintileShare.Of(q, group.Cells[ProfileCell.National(q)], total))],
            [.. Quintiles.Select(q => QuintileShare.Of(q, group.Cells[ProfileCell.Local(q)], total))],
            PatientShare.Of(group.Cells[ProfileCell.Outside], total));
    }

    private static CellCount Sum(IEnumerable<Cell> cells) => cells.Aggregate(CellCount.Empty, (sum, c) => sum + c.Patients);

    private sealed record Cell(int NationalQuintile, int? LocalQuintile, CellCount Patients);

    /// <summary>A cell of one group's profile: its total, a national or local quintile, or those outside the local authority.</summary>
    private readonly record struct ProfileCell(string Axis, int Quintile)
    {
        public static readonly ProfileCell Total = new("total", 0);
        public static readonly ProfileCell Outside = new("outside", 0);

        public static ProfileCell National(int quintile) => new("national", quintile);

        public static ProfileCell Local(int quintile) => new("local", quintile);
    }
}
