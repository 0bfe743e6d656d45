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
public sealed record RiskGroup(OdsOrganisation? Organisation, int? Quintile, int? Patients, double? MeanProbability, IReadOnlyList<RiskTierShare> Tiers);

/// <summary>The patients of a group in one tier; null where disclosure control suppressed them.</summary>
public sealed record RiskTierShare(RiskTier Tier, int? Patients, double? Percentage, double? MeanProbability);

/// <summary>
/// Counts one model's scores and sums their probabilities by tier and practice or LSOA in the database (GROUP BY), then
/// rolls the few cells up to the asked groups here, showing counts under <see cref="DisclosureControl"/>. A context scoped
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
        var scores = db.RiskScores.Where(s => s.Model == model)
            .Join(db.Patients, s => s.PatientId, p => p.Id, (s, p) => new { p.PracticeCode, p.LsoaCode, s.Tier, s.Probability });
        if (grouping is RiskGrouping.Pcn or RiskGrouping.Practice)
        {
            var cells = await scores
                .GroupBy(s => new { s.PracticeCode, s.Tier })
                .Select(g => new Cell(g.Key.PracticeCode, g.Key.Tier, g.Count(), g.Sum(s => s.Probability)))
                .ToListAsync(cancellationToken);
            var level = grouping == RiskGrouping.Pcn ? OrganisationLevel.Pcn : OrganisationLevel.Practice;
            var (names, groupOf) = await OrganisationGroups.OfAsync(db, level, referenceDate, cancellationToken);
            var cellsByGroup = cells.ToLookup(c => groupOf(c.Key));
            return [.. names.OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Group(new OdsOrganisation(g.Key, g.Value), null, [.. cellsByGroup[g.Key]], control))];
        }

        var lsoaCells = await scores
            .GroupBy(s => new { s.LsoaCode, s.Tier })
            .Select(g => new Cell(g.Key.LsoaCode, g.Key.Tier, g.Count(), g.Sum(s => s.Probability)))
            .ToListAsync(cancellationToken);
        var quintileOfLsoa = await db.Lsoas.AsNoTracking()
            .Select(l => new { l.Code, l.NationalQuintile, l.LocalQuintile })
            .ToDictionaryAsync(l => l.Code, l => grouping == RiskGrouping.NationalQuintile ? l.NationalQuintile : l.LocalQuintile, cancellationToken);
        var cellsByQuintile = lsoaCells.ToLookup(c => quintileOfLsoa[c.Key]);
        // Patients living outside the local authority have no local quintile: they are a group of their own, last.
        int?[] quintiles = grouping == RiskGrouping.LocalQuintile ? [.. Quintiles.Cast<int?>(), null] : [.. Quintiles.Cast<int?>()];
        return [.. quintiles.Select(q => Group(null, q, [.. cellsByQuintile[q]], control))];
    }

    private static RiskGroup Group(OdsOrganisation? organisation, int? quintile, IReadOnlyList<Cell> cells, DisclosureControl control)
    {
        var total = cells.Sum(c => c.Patients);
        var shownTotal = Disclosure.Count(total, control);
        return new RiskGroup(
            organisation,
            quintile,
            shownTotal,
            MeanProbability(cells, shownTotal),
            [
                .. Tiers.Select(tier =>
                {
                    var inTier = cells.Where(c => c.Tier == tier).ToList();
                    var shown = Disclosure.Count(inTier.Sum(c => c.Patients), control);
                    return new RiskTierShare(tier, shown, Disclosure.Percentage(shown, shownTotal), MeanProbability(inTier, shown));
                }),
            ]);
    }

    /// <summary>The mean probability of the cells' patients; null when there are none, or when their count is suppressed.</summary>
    private static double? MeanProbability(IReadOnlyList<Cell> cells, int? shownPatients)
    {
        var patients = cells.Sum(c => c.Patients);
        return patients == 0 || shownPatients is null
            ? null
            : Math.Round(cells.Sum(c => c.Probability) / patients, MeanProbabilityDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>The scores of one practice or LSOA in one tier: how many, and their probabilities summed.</summary>
    private sealed record Cell(string Key, RiskTier Tier, int Patients, double Probability);
}
