using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Coverage;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Phm.Web.Map;

/// <summary>One LSOA drawn on the map: its SVG path in the map's coordinates and a point inside it for its label.</summary>
public sealed record LsoaShape(string Code, string Name, string Path, double LabelX, double LabelY);

/// <summary>
/// Southampton's 148 LSOA (2011) boundaries, embedded in the app (<c>Map/README.md</c>: source and licences), projected to a
/// plane and simplified once, as SVG paths. The area is about 8 km across, so an equirectangular projection about its centre
/// latitude is as true as any; the simplification works on the whole coverage, so neighbours keep their shared edges.
/// </summary>
public sealed class LsoaBoundaries
{
    public const string Attribution =
        "Contains National Statistics and Ordnance Survey data © Crown copyright and database right 2014–2016, licensed under the " +
        "Open Government Licence v3.0. LSOA boundaries via martinjc/UK-GeoJSON (Martin Chorley, CC BY 4.0).";

    /// <summary>The map's width in SVG units; its height follows from the area's shape.</summary>
    public const double Width = 800;

    /// <summary>How far (in SVG units, about pixels at full width) a simplified edge may stray from the boundary.</summary>
    public const double Tolerance = 1.5;

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private const string ResourceName = "map/southampton_lsoa2011.geojson";

    private static readonly Lazy<LsoaBoundaries> Embedded = new(() =>
    {
        using var stream = typeof(LsoaBoundaries).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"No embedded {ResourceName} in Phm.Web.");
        return FromGeoJson(stream);
    });

    private LsoaBoundaries(IReadOnlyList<LsoaShape> shapes, double height, int vertices)
    {
        Shapes = shapes;
        Height = height;
        Vertices = vertices;
    }

    /// <summary>The embedded boundaries of Southampton, read and simplified on first use.</summary>
    public static LsoaBoundaries Southampton => Embedded.Value;

    /// <summary>The LSOAs in code order.</summary>
    public IReadOnlyList<LsoaShape> Shapes { get; }

    public double Height { get; }

    /// <summary>Vertices drawn, after simplification.</summary>
    public int Vertices { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0} {Height:0.#}");

    /// <summary>Reads a FeatureCollection of LSOA polygons (WGS84 lon/lat, properties LSOA11CD and LSOA11NM).</summary>
    public static LsoaBoundaries FromGeoJson(Stream geoJson)
    {
        var features = JsonSerializer.Deserialize<FeatureCollection>(geoJson, GeoJson)
            ?? throw new InvalidDataException("The LSOA boundaries are not a GeoJSON FeatureCollection.");
        var areas = features
            .Select(f => (Code: (string)f.Attributes["LSOA11CD"], Name: (string)f.Attributes["LSOA11NM"], f.Geometry))
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .ToList();

        var envelope = new Envelope();
        foreach (var area in areas)
            envelope.ExpandToInclude(area.Geometry.EnvelopeInternal);
        var xScale = Math.Cos(envelope.Centre.Y * Math.PI / 180);
        var scale = Width / (envelope.Width * xScale);
        var projected = areas.Select(a => Project(a.Geometry, c => new Coordinate(
            (c.X - envelope.MinX) * xScale * scale,
            (envelope.MaxY - c.Y) * scale))).ToArray();

        var simplified = CoverageSimplifier.Simplify(projected, Tolerance);
        var shapes = areas.Select((a, i) =>
        {
            var label = simplified[i].InteriorPoint;
            return new LsoaShape(a.Code, a.Name, SvgPath(simplified[i]), Math.Round(label.X, 1), Math.Round(label.Y, 1));
        }).ToList();
        return new LsoaBoundaries(shapes, envelope.Height * scale, simplified.Sum(g => g.NumPoints));
    }

    private static Geometry Project(Geometry geometry, Func<Coordinate, Coordinate> project)
    {
        var copy = geometry.Copy();
        copy.Apply(new CoordinateFilter(project));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>Each ring as a closed subpath, to one decimal place (a tenth of a pixel is finer than any screen draws).</summary>
    private static string SvgPath(Geometry geometry)
    {
        var path = new StringBuilder();
        for (var p = 0; p < geometry.NumGeometries; p++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(p);
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                var points = ring.Coordinates;
                for (var i = 0; i < points.Length - 1; i++)
                    path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{points[i].X:0.#} {points[i].Y:0.#}");
                path.Append('Z');
            }
        }
        return path.ToString();
    }

    private sealed class CoordinateFilter(Func<Coordinate, Coordinate> project) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var projected = project(seq.GetCoordinate(i));
                seq.SetX(i, projected.X);
                seq.SetY(i, projected.Y);
            }
        }
    }
}
