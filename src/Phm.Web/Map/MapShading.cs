using System.Globalization;
using Phm.Web.Charts;
using Phm.Web.Inequality;
using Phm.Web.Shared;

namespace Phm.Web.Map;

/// <summary>An LSOA's IMD 2019 figures, from the hub's <c>lsoas</c>.</summary>
public sealed record LsoaFigures(string Code, string Name, int NationalQuintile, int? LocalQuintile, int ImdDecile, LsoaDomainDeciles DomainDeciles);

public sealed record LsoaDomainDeciles(int Health, int Income);

public sealed record MapLsoasData(IReadOnlyList<LsoaFigures> Lsoas);

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
    /// A measure's rate in each LSOA's quintile (the hub reports measures by quintile, not by LSOA): the quintiles ranked by
    /// rate, highest darkest; an LSOA whose quintile's rate is suppressed is shaded as suppressed.
    /// </summary>
    public static MapShading MeasureByQuintile(InequalityFigures figures, IReadOnlyList<LsoaFigures> lsoas)
    {
        var local = figures.Quintiles == "LOCAL";
        var rated = figures.Groups.Where(g => g.CrudeRate is not null).OrderByDescending(g => g.CrudeRate!.Value).ToList();
        var classes = new Dictionary<int, MapClass>();
        foreach (var (group, rank) in rated.Select((g, i) => (g, i)))
        {
            var rate = group.CrudeRate!;
            classes[group.Quintile!.Value] = new MapClass(Shade.Of(rank + 1),
                $"Q{group.Quintile}: {Figures.Number(rate.Value, 2)} {figures.Unit} ({Figures.Number(rate.Lower, 2)} to {Figures.Number(rate.Upper, 2)})");
        }
        var missing = figures.Groups.Where(g => g.CrudeRate is null).ToDictionary(g => g.Quintile!.Value, g => g.MissingRate(RateChoice.Crude)!);
        var values = new Dictionary<string, MapValue>();
        foreach (var lsoa in lsoas)
        {
            var quintile = local ? lsoa.LocalQuintile : lsoa.NationalQuintile;
            if (quintile is null)
                continue;
            values[lsoa.Code] = classes.TryGetValue(quintile.Value, out var shown)
                ? new MapValue(shown, shown.Label)
                : new MapValue(null, $"Q{quintile}: {missing.GetValueOrDefault(quintile.Value, "suppressed")}");
        }
        var title = $"{figures.Measure}: crude rate ({figures.Unit}) in each LSOA's {(local ? "local" : "national")} quintile";
        return new MapShading(title, "Rate of the LSOA's quintile", classes.OrderBy(c => c.Key).Select(c => c.Value).ToList(), values);
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
