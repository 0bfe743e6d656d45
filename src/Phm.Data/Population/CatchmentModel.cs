using Phm.Data.Geography;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Data.Population;

/// <summary>
/// Decides how many of each practice's patients live in each LSOA, by iterative proportional fitting of a distance-decay
/// seed to three sets of margins at once:
/// <list type="bullet">
/// <item>each practice's list gets its real share of the population;</item>
/// <item>each LSOA of the city holds its mid-2015 share of the city's registered residents;</item>
/// <item>each practice's population-weighted mean IMD score equals its published OHID Fingertips value (an exponential tilt).</item>
/// </list>
/// Lists exceed the city's residents (about a fifth of patients live in neighbouring districts), so patients beyond the
/// residents' share live in neighbouring LSOAs, drawn mostly by practices near the city boundary.
/// </summary>
public sealed class CatchmentModel
{
    /// <summary>Distance over which a practice's pull on a neighbourhood falls by a factor of e.</summary>
    public const double DistanceDecayKm = 1.5;

    /// <summary>Notional depth of a neighbouring district's LSOAs beyond the city boundary (their shapes are not shipped).</summary>
    public const double OutOfAreaDepthKm = 1.5;

    private const int MaxIterations = 2000;

    private CatchmentModel(IReadOnlyList<Practice> practices, IReadOnlyList<Lsoa> lsoas, int[] listTargets, int[,] counts)
    {
        Practices = practices;
        Lsoas = lsoas;
        ListTargets = listTargets;
        Counts = counts;
    }

    public IReadOnlyList<Practice> Practices { get; }
    public IReadOnlyList<Lsoa> Lsoas { get; }

    /// <summary>Patients each practice gets, apportioned from real list sizes.</summary>
    public IReadOnlyList<int> ListTargets { get; }

    /// <summary>Whole patients per practice (row) and LSOA (column); each row sums to its list target exactly.</summary>
    public int[,] Counts { get; }

    public static CatchmentModel Fit(ReferenceData reference, int population)
    {
        var practices = reference.Practices;
        var lsoas = reference.Lsoas;
        var listTargets = Apportion(population, practices.Select(p => (double)p.ListSize).ToArray());

        var cityResidents = reference.LocalLsoas.Sum(l => l.Population.Total);
        var cityShare = Math.Min(1.0, (double)cityResidents / reference.TotalListSize);
        var hasNeighbours = lsoas.Any(l => !l.IsInLocalAuthority);
        var columnTargets = lsoas
            .Select(l => l.IsInLocalAuthority ? population * (hasNeighbours ? cityShare : 1.0) * l.Population.Total / cityResidents : double.NaN)
            .ToArray();

        var x = SeedWeights(reference, practices, lsoas);
        var centredScores = lsoas.Select(l => l.ImdScore - 25.0).ToArray();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            ScaleRows(x, listTargets);
            ScaleColumns(x, columnTargets);
            for (var p = 0; p < practices.Count; p++)
            {
                if (practices[p].PublishedImdScore is { } target)
                    TiltRowToMeanScore(x, p, centredScores, target - 25.0);
            }

            if (iteration % 20 == 0 && Converged(x, listTargets, columnTargets))
                break;
        }

        ScaleRows(x, listTargets);
        return new CatchmentModel(practices, lsoas, listTargets, RoundRows(x, listTargets));
    }

    /// <summary>Population-weighted mean IMD score of a practice's allocated patients.</summary>
    public double MeanScore(int practice)
    {
        double patients = 0, weighted = 0;
        for (var l = 0; l < Lsoas.Count; l++)
        {
            patients += Counts[practice, l];
            weighted += Counts[practice, l] * Lsoas[l].ImdScore;
        }

        return weighted / patients;
    }

    /// <summary>Splits a whole number in proportion to weights, giving leftover units to the largest remainders.</summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var result = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var leftover = total - result.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - result[i]).ThenBy(i => i).Take(leftover))
            result[i]++;
        return result;
    }

    private static double[,] SeedWeights(ReferenceData reference, IReadOnlyList<Practice> practices, IReadOnlyList<Lsoa> lsoas)
    {
        var geography = reference.Geography;
        var x = new double[practices.Count, lsoas.Count];
        for (var p = 0; p < practices.Count; p++)
        {
            var practice = practices[p];
            if (practice.Latitude is not { } latitude || practice.Longitude is not { } longitude)
                throw new ReferenceDataException($"{PracticeReferenceReader.Locations}: practice {practice.Code} has no location, so its catchment cannot be modelled.");
            var site = geography.Project(latitude, longitude);
            var toBoundary = geography.DistanceToBoundaryKm(site);
            for (var l = 0; l < lsoas.Count; l++)
            {
                var distance = lsoas[l].IsInLocalAuthority && geography.LsoaCentroids.TryGetValue(lsoas[l].Code, out var centroid)
                    ? centroid.Distance(site)
                    : toBoundary + OutOfAreaDepthKm;
                x[p, l] = Math.Exp(-distance / DistanceDecayKm);
            }
        }

        return x;
    }

    private static void ScaleRows(double[,] x, int[] targets)
    {
        for (var p = 0; p < x.GetLength(0); p++)
        {
            double sum = 0;
            for (var l = 0; l < x.GetLength(1); l++)
                sum += x[p, l];
            var factor = targets[p] / sum;
            for (var l = 0; l < x.GetLength(1); l++)
                x[p, l] *= factor;
        }
    }

    private static void ScaleColumns(double[,] x, double[] targets)
    {
        for (var l = 0; l < x.GetLength(1); l++)
        {
            if (double.IsNaN(targets[l]))
                continue;
            double sum = 0;
            for (var p = 0; p < x.GetLength(0); p++)
                sum += x[p, l];
            var factor = targets[l] / sum;
            for (var p = 0; p < x.GetLength(0); p++)
                x[p, l] *= factor;
        }
    }

    /// <summary>
    /// Multiplies a row by exp(δ·score), with δ found by Newton's method so the row's mean score hits the target:
    /// the derivative of the mean with respect to δ is the row's score variance.
    /// </summary>
    private static void TiltRowToMeanScore(double[,] x, int p, double[] scores, double target)
    {
        var delta = 0.0;
        for (var step = 0; step < 8; step++)
        {
            double w = 0, ws = 0, wss = 0;
            for (var l = 0; l < scores.Length; l++)
            {
                var weight = x[p, l] * Math.Exp(delta * scores[l]);
                w += weight;
                ws += weight * scores[l];
                wss += weight * scores[l] * scores[l];
            }

            var mean = ws / w;
            var variance = wss / w - mean * mean;
            if (Math.Abs(mean - target) < 1e-6 || variance <= 1e-12)
                break;
            delta += Math.Clamp((target - mean) / variance, -0.05, 0.05);
        }

        for (var l = 0; l < scores.Length; l++)
            x[p, l] *= Math.Exp(delta * scores[l]);
    }

    private static bool Converged(double[,] x, int[] rowTargets, double[] columnTargets)
    {
        for (var p = 0; p < x.GetLength(0); p++)
        {
            double sum = 0;
            for (var l = 0; l < x.GetLength(1); l++)
                sum += x[p, l];
            if (Math.Abs(sum - rowTargets[p]) > 1e-4 * rowTargets[p] + 1e-9)
                return false;
        }

        return true;
    }

    private static int[,] RoundRows(double[,] x, int[] targets)
    {
        var counts = new int[x.GetLength(0), x.GetLength(1)];
        for (var p = 0; p < x.GetLength(0); p++)
        {
            var row = Enumerable.Range(0, x.GetLength(1)).Select(l => x[p, l]).ToArray();
            var whole = Apportion(targets[p], row);
            for (var l = 0; l < whole.Length; l++)
                counts[p, l] = whole[l];
        }

        return counts;
    }
}
