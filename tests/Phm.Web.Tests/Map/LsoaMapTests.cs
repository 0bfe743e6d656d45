using Phm.Web.Inequality;
using Phm.Web.Map;

namespace Phm.Web.Tests.Map;

public sealed class LsoaMapTests : BunitContext
{
    /// <summary>Every LSOA of the boundaries with a national quintile from its position, and local quintiles for most.</summary>
    private static readonly List<LsoaFigures> Lsoas = LsoaBoundaries.Southampton.Shapes
        .Select((s, i) => new LsoaFigures(s.Code, s.Name, NationalQuintile: i % 5 + 1, LocalQuintile: i < 140 ? (i + 2) % 5 + 1 : null, ImdDecile: i % 10 + 1,
            new LsoaDomainDeciles(Health: i % 10 + 1, Income: 10 - i % 10)))
        .ToList();

    [Fact]
    public void ByNationalQuintile_EveryLsoaIsDrawnWithItsQuintilesPattern_AndTheLegendCountsThem()
    {
        var map = Render<LsoaMap>(p => p.Add(m => m.Shading, MapShading.NationalQuintile(Lsoas)));

        var paths = map.FindAll("svg.map__svg path[data-lsoa]");
        Assert.Equal(148, paths.Count);
        Assert.Equal("url(#lsoa-map-crosshatch)", paths[0].GetAttribute("fill"));
        Assert.Equal("url(#lsoa-map-diagonal)", paths[1].GetAttribute("fill"));
        Assert.Equal(6, map.FindAll("pattern").Count);
        Assert.Equal(
            ["Quintile 1 (most deprived) (30 LSOAs)", "Quintile 2 (30 LSOAs)", "Quintile 3 (30 LSOAs)", "Quintile 4 (29 LSOAs)", "Quintile 5 (least deprived) (29 LSOAs)"],
            map.FindAll(".legend li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Contains National Statistics and Ordnance Survey data", map.Find(".attribution").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ByAMeasure_EachLsoaHasItsOwnRate_SuppressedLsoasAreHatchedAndTabledAsSuppressed_NeverAsZero()
    {
        // The first 10 LSOAs suppressed, the 11th with no patients, the rest rated 1% upwards in map order.
        var figures = new MapMeasureFigures("patients on the diabetes register at 2021-01-01, per 100 patients", 100, null,
        [
            .. Lsoas.Select((l, i) => i switch
            {
                < 10 => new LsoaRate(l.Code, null, "SMALL_COUNT", 200, null, null),
                10 => new LsoaRate(l.Code, 0, null, 0, null, null),
                _ => new LsoaRate(l.Code, i, null, 100, null, new Estimate(i, i - 0.5, i + 0.5)),
            }),
        ]);

        var map = Render<LsoaMap>(p => p.Add(m => m.Shading, MapShading.MeasureByLsoa(figures)));

        var suppressed = map.FindAll("path[data-suppressed=true]");
        Assert.Equal(Lsoas.Take(10).Select(l => l.Code), suppressed.Select(p => p.GetAttribute("data-lsoa")));
        Assert.All(suppressed, path => Assert.Equal("url(#lsoa-map-suppressed)", path.GetAttribute("fill")));
        Assert.Equal("Suppressed (10 LSOAs)", map.FindAll(".legend li")[^1].TextContent.Trim());
        Assert.Equal("suppressed (fewer than 8)", map.FindAll("[data-testid=lsoa-table] tr.suppressed td")[1].TextContent);
        Assert.Equal("#ffffff", map.Find($"path[data-lsoa={Lsoas[10].Code}]").GetAttribute("fill"));
        // The highest rates are darkest: the last LSOA's 147% leads the first class of 28 (137 rated LSOAs in five classes).
        Assert.Equal("120.00 to 147.00 % (28 LSOAs)", map.FindAll(".legend li")[0].TextContent.Trim());
        Assert.Equal(6, map.FindAll(".legend li").Count);
        Assert.Equal("url(#lsoa-map-crosshatch)", map.Find($"path[data-lsoa={Lsoas[^1].Code}]").GetAttribute("fill"));
        Assert.Equal("Patients on the diabetes register at 2021-01-01, per 100 patients: crude rate (%) in each LSOA", map.Find("svg.map__svg title").TextContent);
    }

    [Fact]
    public void ByAMeasure_LsoasOfTheSameRate_AreOneClass_NeverSplitAcrossShades()
    {
        // Few cases in one PCN: every LSOA that is shown has none, and the rest are suppressed.
        var figures = new MapMeasureFigures("patients on the learning disability register at 2021-01-01, per 100 patients", 100, "U08561",
            [.. Lsoas.Select((l, i) => i < 12 ? new LsoaRate(l.Code, 0, null, 40, null, new Estimate(0, 0, 8.76)) : new LsoaRate(l.Code, null, "SMALL_COUNT", 60, null, null))]);

        var map = Render<LsoaMap>(p => p.Add(m => m.Shading, MapShading.MeasureByLsoa(figures)));

        Assert.Equal(["0.00 % (12 LSOAs)", "Suppressed (136 LSOAs)"], map.FindAll(".legend li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void LsoasOutsideTheLocalQuintiles_AreLeftBlank_AndSaySo()
    {
        var map = Render<LsoaMap>(p => p.Add(m => m.Shading, MapShading.LocalQuintile(Lsoas)));

        var last = map.Find($"path[data-lsoa={Lsoas[^1].Code}]");
        Assert.Equal("#ffffff", last.GetAttribute("fill"));
        Assert.EndsWith(": no value", last.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }
}
