using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Phm.Data.Store;

namespace Phm.Data.Geography;

/// <summary>
/// Where things are, in kilometres on a local flat projection (accurate to well under 1% across a city):
/// LSOA centroids and the local authority's outline, so that practices draw patients from nearby neighbourhoods.
/// </summary>
public sealed class CityGeography
{
    public const string LsoaBoundaries = "geography/southampton_lsoa2011.geojson";
    public const string AuthorityOutline = "geography/southampton_la_outline.geojson";

    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly LocalProjection _projection;
    private readonly Geometry _outline;

    private CityGeography(LocalProjection projection, Geometry outline, IReadOnlyDictionary<string, Point> centroids)
    {
        _projection = projection;
        _outline = outline;
        LsoaCentroids = centroids;
    }

    public IReadOnlyDictionary<string, Point> LsoaCentroids { get; }

    public static CityGeography Read(string referenceDirectory)
    {
        var lsoas = ReadFeatures(Path.Combine(referenceDirectory, LsoaBoundaries));
        var outlines = ReadFeatures(Path.Combine(referenceDirectory, AuthorityOutline));
        var envelope = outlines[0].Geometry.EnvelopeInternal;
        var projection = new LocalProjection(envelope.Centre.Y, envelope.Centre.X);
        var centroids = lsoas.ToDictionary(
            f => f.Attributes["LSOA11CD"]?.ToString() ?? throw new ReferenceDataException($"{LsoaBoundaries}: a feature has no LSOA11CD."),
            f => projection.Project(f.Geometry).Centroid,
            StringComparer.Ordinal);
        return new CityGeography(projection, projection.Project(outlines[0].Geometry), centroids);
    }

    public Point Project(double latitude, double longitude) => (Point)_projection.Project(new Point(longitude, latitude));

    /// <summary>Kilometres from a point to the authority's boundary: zero outside it, positive inside.</summary>
    public double DistanceToBoundaryKm(Point point) =>
        _outline.Contains(point) ? _outline.Boundary.Distance(point) : 0;

    public bool IsInside(Point point) => _outline.Contains(point);

    private static List<IFeature> ReadFeatures(string path)
    {
        if (!File.Exists(path))
            throw new ReferenceDataException($"{path}: reference file is missing.");
        using var stream = File.OpenRead(path);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJsonOptions);
        return collection is { Count: > 0 } ? [.. collection] : throw new ReferenceDataException($"{path}: no features.");
    }

    /// <summary>Equirectangular projection about the city's centre, in kilometres.</summary>
    private sealed class LocalProjection(double latitude0, double longitude0)
    {
        private const double KmPerDegreeLatitude = 111.2;
        private readonly double _latitude0 = latitude0;
        private readonly double _longitude0 = longitude0;
        private readonly double _kmPerDegreeLongitude = KmPerDegreeLatitude * Math.Cos(latitude0 * Math.PI / 180);

        public Geometry Project(Geometry geometry)
        {
            var copy = geometry.Copy();
            copy.Apply(new ProjectingFilter(this));
            copy.GeometryChanged();
            return copy;
        }

        private sealed class ProjectingFilter(LocalProjection p) : IEntireCoordinateSequenceFilter
        {
            public bool Done => false;
            public bool GeometryChanged => true;

            public void Filter(CoordinateSequence sequence)
            {
                for (var i = 0; i < sequence.Count; i++)
                {
                    sequence.SetX(i, (sequence.GetX(i) - p._longitude0) * p._kmPerDegreeLongitude);
                    sequence.SetY(i, (sequence.GetY(i) - p._latitude0) * KmPerDegreeLatitude);
                }
            }
        }
    }
}
