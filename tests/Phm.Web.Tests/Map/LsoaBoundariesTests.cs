using NetTopologySuite.Geometries;
using Phm.Web.Map;

namespace Phm.Web.Tests.Map;

public sealed class LsoaBoundariesTests
{
    private static readonly LsoaBoundaries Southampton = LsoaBoundaries.Southampton;

    [Fact]
    public void Southampton_HasItsHundredAndFortyEightLsoas_InCodeOrder_EachWithAPathAndALabelInside()
    {
        Assert.Equal(148, Southampton.Shapes.Count);
        Assert.Equal(Southampton.Shapes.Select(s => s.Code).Order(StringComparer.Ordinal), Southampton.Shapes.Select(s => s.Code));
        Assert.Equal(("E01017136", "Southampton 023A"), (Southampton.Shapes[0].Code, Southampton.Shapes[0].Name));
        Assert.All(Southampton.Shapes, shape =>
        {
            var area = Polygonal(shape.Path);
            Assert.True(area.IsValid, $"{shape.Code} is not a valid polygon after simplification.");
            Assert.True(area.Contains(new Point(shape.LabelX, shape.LabelY)) || area.Distance(new Point(shape.LabelX, shape.LabelY)) < 0.1, $"{shape.Code}'s label is outside it.");
        });
    }

    [Fact]
    public void TheProjection_KeepsTheCitysShape_EightHundredWide_AndWithinTheView()
    {
        // 0.1567° of longitude at 50.918° N is 11.0 km; 0.0761° of latitude is 8.5 km: the map is about 0.77 as high as wide.
        Assert.Equal(800, LsoaBoundaries.Width);
        Assert.InRange(Southampton.Height / LsoaBoundaries.Width, 0.75, 0.79);
        var all = Southampton.Shapes.Select(s => Polygonal(s.Path).EnvelopeInternal).Aggregate(new Envelope(), (e, next) => { e.ExpandToInclude(next); return e; });
        Assert.InRange(all.MinX, -0.05, 0.5);
        Assert.InRange(all.MaxX, 799.5, 800.05);
        Assert.InRange(all.MinY, -0.05, 0.5);
        Assert.InRange(all.MaxY, Southampton.Height - 0.5, Southampton.Height + 0.05);
    }

    [Fact]
    public void Simplification_DropsVerticesWithinTheTolerance_WithoutGapsOrOverlapsBetweenNeighbours()
    {
        // The source is already generalised (5,565 vertices): at 1.5 px about one in ten goes.
        Assert.InRange(Southampton.Vertices, 4000, 5300);
        var areas = Southampton.Shapes.Select(s => Polygonal(s.Path)).ToList();
        var union = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union(areas);
        // The pieces still tile the city: their union is one area as large as their sum, with no holes.
        Assert.Equal(areas.Sum(a => a.Area), union.Area, precision: 0);
        Assert.Equal(1, union.NumGeometries);
        Assert.Equal(0, ((Polygon)union).NumInteriorRings);
    }

    /// <summary>An SVG path of M/L/Z commands as polygons (one per closed ring, the rings having no holes).</summary>
    private static Geometry Polygonal(string path)
    {
        var factory = new GeometryFactory();
        var rings = path.Split('Z', StringSplitOptions.RemoveEmptyEntries).Select(ring =>
        {
            var points = ring.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split(' ')).Select(xy => new Coordinate(double.Parse(xy[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(xy[1], System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            points.Add(points[0]);
            return factory.CreatePolygon(points.ToArray());
        }).ToArray();
        return rings.Length == 1 ? rings[0] : factory.CreateMultiPolygon(rings);
    }
}
