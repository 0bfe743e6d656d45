using System.Globalization;
using Phm.Web.Charts;
using Phm.Web.Inequality;
using Phm.Web.Shared;

namespace Phm.Web.Map;

/// <summary>An LSOA's IMD 2019 figures, from the hub's <c>lsoas</c>.</summary>
public sealed record LsoaFigures(string Code, string Name, int NationalQuintile, int? LocalQuintile, int ImdDecile, LsoaDomainDeciles DomainDeciles);

public sealed record LsoaDomainDeciles(int Health, int Income);

public sealed record MapLsoasData(IReadOnlyList<LsoaFigures> Lsoas);

public sealed record MapMeasureData(MapMeasureFigures Inequality);

/// <summary>A measure in each LSOA, as the hub's <c>inequality</c> gives it in <c>byLsoa</c>.</summary>
public sealed record MapMeasureFigures(string Measure, int Per, string? Pcn, IReadOnlyList<LsoaRate> ByLsoa)
{
    /// <summary>"%" for a proportion, "per 1,000" for a rate.</summary>
    public string Unit => Per == 100 ? "%" : $"per {Per:N0}";
}

/// <summary>One LSOA's counts under disclosure control (null with the reason when withheld) and its crude rate.</summary>
public sealed record LsoaRate(string Code, int? Numerator, string? NumeratorSuppression, int? Denominator, string? DenominatorSuppression, Estimate? CrudeRate);

/// <summary>One class of a map's legend: its shade and what it means.</summary>
public sealed record MapClass(Shade Shade, string Label);

/// <summary>What one LSOA is shaded as: its class (null when its value is suppressed) and its value in words.</summary>
public sealed record MapValue(MapClass? Class, string Value)
{
    public bool IsSuppressed => Class is null;
}

/// <summary>
/// A choropleth: every LSOA in a class of the five-step shading, or suppressed. Built from the hub's figures by one of the
/// factory methods; <see cref="LsoaMap"/> draws it with its legend and the table that is its text alternative.
/// </summary>
public sealed record MapShading(string Title, string ValueHeading, IReadOnlyList<MapClass> Classes, IReadOnlyDictionary<string, MapValue> Values)
{
    public bool HasSuppressed => Values.Values.Any(v => v.IsSuppressed);

    public MapValue? Of(string code) => Values.GetValueOrDefault(code);

    /// <summary>IMD 2019 national quintiles: 1 (most deprived, darkest) to 5.</summary>
    public static MapShading NationalQuintile(IReadOnlyList<LsoaFigures> lsoas) =>
        ByQuintile("National IMD 2019 quintile", "National quintile", lsoas, l => l.NationalQuintile);

    /// <summary>Quintiles of IMD 2019 rank within the local authority.</summary>
    public static MapShading LocalQuintile(IReadOnlyList<LsoaFigures> lsoas) =>
        ByQuintile("Local IMD 2019 quintile (within Southampton)", "Local quintile", lsoas, l => l.LocalQuintile);

    /// <summary>A domain's national deciles in pairs (1-2 darkest … 9-10), the decile itself in the table.</summary>
    public static MapShading DomainDecile(string domain, IReadOnlyList<LsoaFigures> lsoas, Func<LsoaFigures, int> decileOf)
    {
        var classes = Shade.Steps.Select(s => new MapClass(s, $"Deciles {2 * s.Step - 1}–{2 * s.Step}{Extreme(s.Step)}")).ToList();
        var values = lsoas.ToDictionary(l => l.Code, l =>
        {
            var decile = decileOf(l);
            return new MapValue(classes[(decile - 1) / 2], "Decile " + decile.ToString(CultureInfo.InvariantCulture));
        });
        return new MapShading($"{domain}: national IMD 2019 decile", "National decile", classes, values);
    }

    /// <summary>
    /// A measure's crude rate in each LSOA (the hub's <c>byLsoa</c>): the rated LSOAs in up to five classes of about as many LSOAs
    /// each by rate, highest darkest, LSOAs of the same rate always in the same class; an LSOA whose count the hub withheld is
    /// shaded and tabled as suppressed (never as zero), and one with no patients of the population is left blank.
    /// </summary>
    public static MapShading MeasureByLsoa(MapMeasureFigures figures)
    {
        var byRate = figures.ByLsoa.Where(l => l.CrudeRate is not null).GroupBy(l => l.CrudeRate!.Value).OrderByDescending(g => g.Key).ToList();
        var perClass = (int)Math.Ceiling(byRate.Sum(g => g.Count()) / (double)Shade.Steps.Count);
        var classes = new List<MapClass>();
        var values = new Dictionary<string, MapValue>();
        var members = new List<LsoaRate>();
        foreach (var (rate, index) in byRate.Select((g, i) => (g, i)))
        {
            members.AddRange(rate);
            // A class closes once it holds its share, or at the last rate; the fifth takes whatever is left.
            if ((members.Count < perClass || classes.Count == Shade.Steps.Count - 1) && index < byRate.Count - 1)
                continue;
            var (highest, lowest) = (members[0].CrudeRate!.Value, members[^1].CrudeRate!.Value);
            var mapClass = new MapClass(Shade.Of(classes.Count + 1),
                (highest == lowest ? Figures.Number(highest, 2) : $"{Figures.Number(lowest, 2)} to {Figures.Number(highest, 2)}") + " " + figures.Unit);
            classes.Add(mapClass);
            foreach (var lsoa in members)
                values[lsoa.Code] = new MapValue(mapClass,
                    $"{Figures.Number(lsoa.CrudeRate!.Value, 2)} {figures.Unit} ({Figures.Number(lsoa.CrudeRate.Lower, 2)} to {Figures.Number(lsoa.CrudeRate.Upper, 2)})");
            members = [];
        }
        foreach (var lsoa in figures.ByLsoa.Where(l => l.CrudeRate is null && (l.NumeratorSuppression ?? l.DenominatorSuppression) is not null))
            values[lsoa.Code] = new MapValue(null, Display.Suppressed(lsoa.NumeratorSuppression ?? lsoa.DenominatorSuppression));
        var title = $"{Display.Sentence(figures.Measure)}: crude rate ({figures.Unit}) in each LSOA{(figures.Pcn is { } pcn ? $", patients of PCN {pcn}" : "")}";
        return new MapShading(title, "Rate", classes, values);
    }

    private static MapShading ByQuintile(string title, string heading, IReadOnlyList<LsoaFigures> lsoas, Func<LsoaFigures, int?> quintileOf)
    {
        var classes = Shade.Steps.Select(s => new MapClass(s, $"Quintile {Display.Quintile(s.Step)}")).ToList();
        var values = lsoas.Where(l => quintileOf(l) is not null)
            .ToDictionary(l => l.Code, l => new MapValue(classes[quintileOf(l)!.Value - 1], Display.Quintile(quintileOf(l))));
        return new MapShading(title, heading, classes, values);
    }

    private static string Extreme(int step) => step == 1 ? " (most deprived)" : step == 5 ? " (least deprived)" : "";
}
