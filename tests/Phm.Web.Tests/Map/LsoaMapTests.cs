using Phm.Web.Inequality;
using Phm.Web.Map;

namespace Phm.Web.Tests.Map;

public sealed class LsoaMapTests : BunitContext
{
    /// <summary>Every LSOA of the boundaries with a national quintile from its position, and local quintiles for most.</summary>
    private static readonly IReadOnlyList<LsoaFigures> Lsoas = LsoaBoundaries.Southampton.Shapes
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
    public void ByAMeasure_TheLsoasOfASuppressedQuintileAreHatchedAndTabledAsSuppressed_NeverAsZero()
    {
        var figures = System.Text.Json.JsonSerializer.Deserialize<InequalityViewData>(
            System.Text.Json.JsonDocument.Parse(Inequality.InequalityResponses.WithQuintileTwoSuppressed).RootElement.GetProperty("data"),
            Phm.Web.Hub.HubJson.Options)!.Inequality;

        var map = Render<LsoaMap>(p => p.Add(m => m.Shading, MapShading.MeasureByQuintile(figures, Lsoas)));

        var suppressed = map.FindAll("path[data-suppressed=true]");
        Assert.Equal(30, suppressed.Count); // the LSOAs of national quintile 2
        Assert.All(suppressed, path => Assert.Equal("url(#lsoa-map-suppressed)", path.GetAttribute("fill")));
        Assert.Equal("Suppressed (30 LSOAs)", map.FindAll(".legend li")[^1].TextContent.Trim());
        Assert.Equal("Q2: suppressed (fewer than 8)", map.FindAll("[data-testid=lsoa-table] tr.suppressed td")[1].TextContent);
        // The highest rate is darkest: quintile 1 (9.5%) before 3, 4 and 5.
        Assert.Equal("Q1: 9.50 % (8.10 to 11.00) (30 LSOAs)", map.FindAll(".legend li")[0].TextContent.Trim());
        Assert.Equal("url(#lsoa-map-crosshatch)", map.Find("path[data-lsoa=E01017136]").GetAttribute("fill"));
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
