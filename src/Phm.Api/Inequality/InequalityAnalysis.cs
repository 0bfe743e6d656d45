using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Data.Governance;
using Phm.Data.Inequality;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Inequality;

/// <summary>Which IMD 2019 quintiles patients are grouped by: national, or within the local authority.</summary>
public enum DeprivationScale
{
    National,
    Local,
}

/// <summary>One quintile (or all of them together): the numerator and denominator as shown, and the rates.</summary>
public sealed record InequalityGroup(int? Quintile, ShownCount Numerator, ShownCount Denominator, Estimate? CrudeRate, Estimate? StandardisedRate);

/// <summary>How a rate changes from the most to the least deprived quintile.</summary>
public sealed record InequalityGradient(double? RateRatio, double? AbsoluteGap, Estimate? SlopeIndex, Estimate? RelativeIndex);

/// <summary>One LSOA of the local authority: the numerator and denominator as shown, and the crude rate from them.</summary>
public sealed record InequalityLsoa(string Code, ShownCount Numerator, ShownCount Denominator, Estimate? CrudeRate);

public sealed record InequalityResult(
    string Measure, DeprivationScale Quintiles, string? Pcn, RateKind RateKind, int Per,
    IReadOnlyList<InequalityGroup> Groups, InequalityGroup Overall, InequalityGradient Crude, InequalityGradient Standardised,
    IReadOnlyList<InequalityLsoa> ByLsoa);

/// <summary>
/// A measure by deprivation quintile, with OHID's methods (<see cref="CrudeRates"/>, <see cref="StandardisedRates"/>,
/// <see cref="SlopeIndex"/>). The population and the numerator are each counted in one GROUP BY over LSOA and five-year age
/// band in the database; the few thousand cells are placed in their quintiles here. Under disclosure control the numerators
/// and denominators are shown by <see cref="Disclosure.Protect{TCell}"/> (the quintiles adding up to the overall figure),
/// crude rates are computed from the shown counts, and standardised rates from the age bands' counts perturbed by their cell
/// keys; both are withheld where the numerator is suppressed. The local authority's LSOAs are a table of their own (each LSOA's
/// numerator and denominator with their totals, <see cref="ByLsoa"/>), protected by the same rule.
/// </summary>
public static class InequalityAnalysis
{
    private static readonly int[] Quintiles = [1, 2, 3, 4, 5];
    private static readonly bool[] NumeratorAndDenominator = [true, false];

    private const int RateDecimals = 2;
    private const int RatioDecimals = 4;

    public static async Task<InequalityResult> BuildAsync(
        PhmDbContext db, InequalityMeasure measure, DeprivationScale scale, string? pcn, DateOnly referenceDate, DisclosureControl control, CancellationToken cancellationToken)
    {
        var population = measure.Population(db, referenceDate);
        if (pcn is not null)
        {
            var practices = db.PcnMemberships.ValidOn(referenceDate).Where(m => m.PcnCode == pcn).Select(m => m.PracticeCode);
            population = population.Where(p => practices.Contains(p.PracticeCode));
        }
        var populationDate = measure.PopulationDate(referenceDate);
        var denominators = await CountByLsoaAndBandAsync(population, populationDate, cancellationToken);
        var numerators = await CountByLsoaAndBandAsync(measure.Numerator(population, db, referenceDate), populationDate, cancellationToken);
        var lsoas = await db.Lsoas.AsNoTracking().Select(l => new { l.Code, l.NationalQuintile, l.LocalQuintile }).ToListAsync(cancellationToken);
        var quintileOf = lsoas.ToDictionary(l => l.Code, l => scale == DeprivationScale.National ? l.NationalQuintile : l.LocalQuintile);

        // Patients living outside the local authority have no local quintile and are left out of a LOCAL analysis.
        var numeratorBands = ByQuintileAndBand(numerators, quintileOf);
        var denominatorBands = ByQuintileAndBand(denominators, quintileOf);
        var table = new Dictionary<TableCell, CellCount>();
        foreach (var quintile in Quintiles.Prepend(TableCell.Overall))
        {
            table[new(true, quintile)] = Sum(numeratorBands, quintile);
            table[new(false, quintile)] = Sum(denominatorBands, quintile);
        }
        var shown = Disclosure.Protect(table, [Margin(numerator: true), Margin(numerator: false)], control);

        InequalityGroup Group(int quintile)
        {
            var numerator = shown[new(true, quintile)];
            var denominator = shown[new(false, quintile)];
            var crude = CrudeRate(measure, numerator, denominator);
            var standardised = numerator.Count is null ? null : StandardisedRates.Rate(
                [.. EuropeanStandardPopulation.Weights.Select((weight, band) => new AgeBandCount(
                    Disclosure.RateInput(Band(numeratorBands, quintile, band), control), Disclosure.RateInput(Band(denominatorBands, quintile, band), control), weight))],
                measure.Multiplier);
            return new InequalityGroup(quintile == TableCell.Overall ? null : quintile, numerator, denominator, Finite(crude, RateDecimals), Finite(standardised, RateDecimals));
        }

        var groups = Quintiles.Select(Group).ToList();
        return new InequalityResult(
            measure.Describe(referenceDate), scale, pcn, measure.RateKind, measure.Multiplier, groups, Group(TableCell.Overall),
            Gradient(groups, g => g.CrudeRate), Gradient(groups, g => g.StandardisedRate),
            ByLsoa(measure, numerators, denominators, [.. lsoas.Where(l => l.LocalQuintile is not null).Select(l => l.Code).Order(StringComparer.Ordinal)], control));
    }

    /// <summary>
    /// The measure in each of <paramref name="codes"/> (the local authority's LSOAs, for its map), zeros included: the LSOAs'
    /// numerators with their total and their denominators with theirs, protected together as one table.
    /// </summary>
    private static List<InequalityLsoa> ByLsoa(InequalityMeasure measure, List<BandCount> numerators, List<BandCount> denominators, List<string> codes, DisclosureControl control)
    {
        static Dictionary<string, CellCount> PerLsoa(List<BandCount> counts) =>
            counts.GroupBy(c => c.LsoaCode).ToDictionary(g => g.Key, g => g.Aggregate(CellCount.Empty, (sum, c) => sum + c.Count));
        var (numeratorOf, denominatorOf) = (PerLsoa(numerators), PerLsoa(denominators));
        var table = new Dictionary<LsoaCell, CellCount>();
        foreach (var numerator in NumeratorAndDenominator)
        {
            var cells = numerator ? numeratorOf : denominatorOf;
            foreach (var code in codes)
                table[new(numerator, code)] = cells.GetValueOrDefault(code, CellCount.Empty);
            table[new(numerator, null)] = codes.Aggregate(CellCount.Empty, (sum, code) => sum + table[new(numerator, code)]);
        }
        var shown = Disclosure.Protect(table,
            [.. NumeratorAndDenominator.Select(numerator => new Margin<LsoaCell>(new(numerator, null), [.. codes.Select(code => new LsoaCell(numerator, code))]))], control);
        return
        [
            .. codes.Select(code => new InequalityLsoa(
                code, shown[new(true, code)], shown[new(false, code)], Finite(CrudeRate(measure, shown[new(true, code)], shown[new(false, code)]), RateDecimals))),
        ];
    }

    /// <summary>numerator / denominator × per, with its interval, from the counts as shown; null when either is withheld.</summary>
    private static Estimate? CrudeRate(InequalityMeasure measure, ShownCount numerator, ShownCount denominator) =>
        numerator.Count is { } x && denominator.Count is { } n
            ? measure.RateKind == RateKind.Proportion ? CrudeRates.Proportion(Math.Min(x, n), n, measure.Multiplier) : CrudeRates.Rate(x, n, measure.Multiplier)
            : null;

    /// <summary>
    /// The Q1/Q5 ratio and gap, and the SII and RII over the five quintiles weighted by their shown denominators; each null
    /// where a rate it needs is not given.
    /// </summary>
    private static InequalityGradient Gradient(List<InequalityGroup> groups, Func<InequalityGroup, Estimate?> rateOf)
    {
        var (mostDeprived, leastDeprived) = (rateOf(groups[0]), rateOf(groups[^1]));
        var ratio = mostDeprived is { } q1 && leastDeprived is { Value: > 0 } q5 ? Math.Round(q1.Value / q5.Value, RatioDecimals, MidpointRounding.AwayFromZero) : (double?)null;
        var gap = mostDeprived is { } most && leastDeprived is { } least ? Math.Round(most.Value - least.Value, RateDecimals, MidpointRounding.AwayFromZero) : (double?)null;
        if (groups.Any(g => rateOf(g) is null || g.Denominator.Count is not > 0))
            return new InequalityGradient(ratio, gap, null, null);
        var slope = SlopeIndex.Of([.. groups.Select(g => new QuantileValue(g.Denominator.Count!.Value, rateOf(g)!.Value.Value, rateOf(g)!.Value.Lower, rateOf(g)!.Value.Upper))]);
        return new InequalityGradient(ratio, gap, Finite(slope.Slope, RateDecimals), Finite(slope.Relative, RatioDecimals));
    }

    /// <summary>Rows counted by LSOA and five-year age band at <paramref name="date"/>, with their record keys summed.</summary>
    private static async Task<List<BandCount>> CountByLsoaAndBandAsync(IQueryable<Patient> rows, DateOnly date, CancellationToken cancellationToken)
    {
        // Whole years from the birth month are (month − birth month) / 12, so five-year bands are (month − birth month) / 60;
        // those of 90 and over are one band, joined here.
        var month = date.Year * 12 + date.Month;
        var counts = await rows.WithRecordKeys(p => p.Id)
            .GroupBy(k => new { k.Row.LsoaCode, Band = (month - (k.Row.BirthYear * 12 + k.Row.BirthMonth)) / 60 })
            .Select(g => new { g.Key.LsoaCode, g.Key.Band, Rows = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToListAsync(cancellationToken);
        return [.. counts.Select(c => new BandCount(c.LsoaCode, Math.Min(c.Band, EuropeanStandardPopulation.OldestBand), new CellCount(c.Rows, c.Keys)))];
    }

    private static Dictionary<(int Quintile, int Band), CellCount> ByQuintileAndBand(IEnumerable<BandCount> counts, Dictionary<string, int?> quintileOf) =>
        counts.Where(c => quintileOf[c.LsoaCode] is not null)
            .GroupBy(c => (Quintile: quintileOf[c.LsoaCode]!.Value, c.Band))
            .ToDictionary(g => g.Key, g => g.Aggregate(CellCount.Empty, (sum, c) => sum + c.Count));

    /// <summary>A quintile's cell in one band; the overall "quintile" is every quintile's.</summary>
    private static CellCount Band(Dictionary<(int Quintile, int Band), CellCount> cells, int quintile, int band) =>
        quintile == TableCell.Overall
            ? Quintiles.Aggregate(CellCount.Empty, (sum, q) => sum + cells.GetValueOrDefault((q, band), CellCount.Empty))
            : cells.GetValueOrDefault((quintile, band), CellCount.Empty);

    private static CellCount Sum(Dictionary<(int Quintile, int Band), CellCount> cells, int quintile) =>
        Enumerable.Range(0, EuropeanStandardPopulation.Weights.Count).Aggregate(CellCount.Empty, (sum, band) => sum + Band(cells, quintile, band));

    private static Margin<TableCell> Margin(bool numerator) =>
        new(new TableCell(numerator, TableCell.Overall), [.. Quintiles.Select(q => new TableCell(numerator, q))]);

    /// <summary>The estimate rounded for showing; null when a figure is not finite (a ratio over a zero rate), which JSON cannot carry.</summary>
    private static Estimate? Finite(Estimate? estimate, int decimals) =>
        estimate is { } e && double.IsFinite(e.Value) && double.IsFinite(e.Lower) && double.IsFinite(e.Upper) ? e.Rounded(decimals) : null;

    private sealed record BandCount(string LsoaCode, int Band, CellCount Count);

    /// <summary>An LSOA's numerator or denominator, or their total over the LSOAs (a null code).</summary>
    private readonly record struct LsoaCell(bool Numerator, string? Code);

    /// <summary>A numerator or denominator of a quintile, or of all of them (<see cref="Overall"/>).</summary>
    private readonly record struct TableCell(bool Numerator, int Quintile)
    {
        public const int Overall = 0;
    }
}
