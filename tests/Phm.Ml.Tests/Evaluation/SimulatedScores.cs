namespace Phm.Ml.Tests.Evaluation;

/// <summary>Seeded patients whose outcomes are drawn from known probabilities: well calibrated by construction.</summary>
internal static class SimulatedScores
{
    public static (double[] Probabilities, bool[] Outcomes) WellCalibrated(int patients, int seed)
    {
        var random = new Random(seed);
        var probabilities = new double[patients];
        var outcomes = new bool[patients];
        for (var i = 0; i < patients; i++)
        {
            // Logits around -2 (events about 15%), spread like a real risk model's.
            var logit = -2 + Normal(random);
            probabilities[i] = 1 / (1 + Math.Exp(-logit));
            outcomes[i] = random.NextDouble() < probabilities[i];
        }
        return (probabilities, outcomes);
    }

    /// <summary>The same ranking with logits multiplied by <paramref name="factor"/>: above 1, over-confident.</summary>
    public static double[] Sharpened(double[] probabilities, double factor) =>
        [.. probabilities.Select(p => 1 / (1 + Math.Exp(-factor * Math.Log(p / (1 - p)))))];

    /// <summary>A weaker score: the true logit plus noise.</summary>
    public static double[] Noisy(double[] probabilities, double noise, int seed)
    {
        var random = new Random(seed);
        return [.. probabilities.Select(p => 1 / (1 + Math.Exp(-(Math.Log(p / (1 - p)) + noise * Normal(random)))))];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
