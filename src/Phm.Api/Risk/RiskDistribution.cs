using Microsoft.EntityFrameworkCore;
using Phm.Api.Deprivation;
using Phm.Api.Governance;
using Phm.Api.Practices;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Risk;

/// <summary>What the scored patients of a risk distribution are grouped by.</summary>
public enum RiskGrouping
{
    Pcn,
    Practice,
    NationalQuintile,
    LocalQuintile,
}

/// <summary>The scored patients of one group: how many, their mean probability, and how they spread over the tiers.</summary>
public sealed record RiskGroup(
    OdsOrganisation? Organisation, int? Quintile, int? Patients, SuppressionReason? Suppression, double? MeanProbability, IReadOnlyList<RiskTierShare> Tiers);

/// <summary>The patients of a group in one tier; null where disclosure control suppressed them, with the reason.</summary>
public sealed record RiskTierShare(RiskTier Tier, int? Patients, SuppressionReason? Suppression, double? Percentage, double? MeanProbability);

/// <summary>
/// Adds up one model's kept cells (<see cref="Phm.Data.Aggregates.RiskScoreCell"/>: its scores counted, and their probabilities summed, by
/// practice, LSOA and tier whenever they change) by tier and practice or LSOA in the database (GROUP BY), then
/// rolls the few cells up to the asked groups here, showing each group's table (its total and tiers) under <see cref="DisclosureControl"/>
/// (by PCN or practice, both protected together: <see cref="OrganisationTables"/>). A context scoped
/// to one PCN counts only its patients' scores and lists only its own PCN and practices.
/// </summary>
public static class RiskDistribution
{
    private static readonly int[] Quintiles = [1, 2, 3, 4, 5];
    private static readonly RiskTier[] Tiers = Enum.GetValues<RiskTier>();

    /// <summary>Decimal places of a mean probability: enough to compare groups, and the same on every database provider.</summary>
    private const int MeanProbabilityDecimals = 4;

    public static async Task<IReadOnlyList<RiskGroup>> BuildAsync(
        PhmDbContext db, string model, RiskGrouping grouping, DateOnly referenceDate, DisclosureControl control, CancellationToken cancellationToken)
    {
        // The model's kept cells (practice × LSOA × tier), which its scores' writer and every ingest keep equal to counting the scores
        // joined to their patients; their query filter keeps a scoped context to its PCN's practices, as the patients' filter does.
        var scores = db.RiskScoreCells.AsNoTracking().Where(c => c.Model == model);
        if (grouping is RiskGrouping.Pcn or RiskGrouping.Practice)
        {
            var cells = await scores
                .GroupBy(c => new { c.PracticeCode, c.Tier })
                .Select(g => new Cell(g.Key.PracticeCode, g.Key.Tier, new CellCount(g.Sum(c => c.Patients), g.Sum(c => c.RecordKeySum)), g.Sum(c => c.ProbabilitySum)))
                .ToListAsync(cancellationToken);
            var level = grouping == RiskGrouping.Pcn ? OrganisationLevel.Pcn : OrganisationLevel.Practice;
            var tables = await OrganisationTables.ShowAsync(
                db, level, referenceDate, cells.GroupBy(c => c.Key).ToDictionary(p => p.Key, p => (IReadOnlyDictionary<GroupCell, CellCount>)Table([.. p])), Margins, control, cancellationToken);
            var (_, groupOf) = await OrganisationGroups.OfAsync(db, level, referenceDate, cancellationToken);
            var cellsByGroup = cells.ToLookup(c => groupOf(c.Key));
            return [.. tables.Select(t => Group(new OdsOrganisation(t.Code, t.Name), null, [.. cellsByGroup[t.Code]], t.Cells))];
        }

        var lsoaCells = await scores
            .GroupBy(c => new { c.LsoaCode, c.Tier })
            .Select(g => new Cell(g.Key.LsoaCode, g.Key.Tier, new CellCount(g.Sum(c => c.Patients), g.Sum(c => c.RecordKeySum)), g.Sum(c => c.ProbabilitySum)))
            .ToListAsync(cancellationToken);
        var quintileOfLsoa = await db.Lsoas.AsNoTracking()
            .Select(l => new { l.Code, l.NationalQuintile, l.LocalQuintile })
            .ToDictionaryAsync(l => l.Code, l => grouping == RiskGrouping.NationalQuintile ? l.NationalQuintile : l.LocalQuintile, cancellationToken);
        var cellsByQuintile = lsoaCells.ToLookup(c => quintileOfLsoa[c.Key]);
        // Patients living outside the local authority have no local quintile: they are a group of their own, last.
        int?[] quintiles = grouping == RiskGrouping.LocalQuintile ? [.. Quintiles.Cast<int?>(), null] : [.. Quintiles.Cast<int?>()];
        return [.. quintiles.Select(q => Group(null, q, [.. cellsByQuintile[q]], Disclosure.Protect(Table([.. cellsByQuintile[q]]), Margins, control)))];
    }

    /// <summary>A group's table: its total and each tier, the tiers adding up to the total.</summary>
    private static readonly Margin<GroupCell>[] Margins = [new(GroupCell.Total, [.. Tiers.Select(tier => new GroupCell(tier))])];

    private static Dictionary<GroupCell, CellCount> Table(IReadOnlyList<Cell> cells)
    {
        var table = Tiers.ToDictionary(tier => new GroupCell(tier), tier => Sum(cells.Where(c => c.Tier == tier)));
        table[GroupCell.Total] = Sum(cells);
        return table;
    }

    private static RiskGroup Group(OdsOrganisation? organisation, int? quintile, IReadOnlyList<Cell> cells, IReadOnlyDictionary<GroupCell, ShownCount> shown)
    {
        var total = shown[GroupCell.Total];
        return new RiskGroup(
            organisation,
            quintile,
            total.Count,
            total.Suppression,
            MeanProbability(cells, total),
            [
                .. Tiers.Select(tier =>
                {
                    var inTier = shown[new GroupCell(tier)];
                    return new RiskTierShare(tier, inTier.Count, inTier.Suppression, Disclosure.Percentage(inTier.Count, total.Count),
                        MeanProbability([.. cells.Where(c => c.Tier == tier)], inTier));
                }),
            ]);
    }

    /// <summary>A cell of a group's table: a tier, or the group's total (no tier), which the tiers add up to.</summary>
    private readonly record struct GroupCell(RiskTier? Tier)
    {
        public static readonly GroupCell Total = new(null);
    }

    private static CellCount Sum(IEnumerable<Cell> cells) => cells.Aggregate(CellCount.Empty, (sum, c) => sum + c.Patients);

    /// <summary>The mean probability of the cells' patients; null when there are none, or when their count is suppressed.</summary>
    private static double? MeanProbability(IReadOnlyList<Cell> cells, ShownCount shown)
    {
        var patients = cells.Sum(c => c.Patients.Count);
        return patients == 0 || shown.Count is null
            ? null
            : Math.Round(cells.Sum(c => c.Probability) / patients, MeanProbabilityDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>The scores of one practice or LSOA in one tier: how many, and their probabilities summed.</summary>
    private sealed record Cell(string Key, RiskTier Tier, CellCount Patients, double Probability);
}
