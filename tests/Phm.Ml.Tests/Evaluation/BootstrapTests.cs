using Phm.Ml.Evaluation;

namespace Phm.Ml.Tests.Evaluation;

/// <summary>Seeded percentile intervals for AUROC and AUPRC, and paired intervals for AUROC differences.</summary>
public sealed class BootstrapTests
{
    private static readonly BootstrapSettings Settings = new(Replicates: 200, Seed: 7);
    private static readonly (double[] Probabilities, bool[] Outcomes) Patients = SimulatedScores.WellCalibrated(3_000, seed: 3);

    [Fact]
    public void Intervals_WithTheSameSeed_AreTheSame()
    {
        var (probabilities, outcomes) = Patients;

        Assert.Equal(Bootstrap.Auroc(probabilities, outcomes, Settings), Bootstrap.Auroc(probabilities, outcomes, Settings));
        Assert.Equal(Bootstrap.Auprc(probabilities, outcomes, Settings), Bootstrap.Auprc(probabilities, outcomes, Settings));
    }

    [Fact]
    public void Intervals_WithAnotherSeed_Differ()
    {
        var (probabilities, outcomes) = Patients;

        Assert.NotEqual(Bootstrap.Auroc(probabilities, outcomes, Settings), Bootstrap.Auroc(probabilities, outcomes, Settings with { Seed = 8 }));
    }

    [Fact]
    public void Intervals_ContainTheEstimateOnTheFullData()
    {
        var (probabilities, outcomes) = Patients;

        var auroc = Bootstrap.Auroc(probabilities, outcomes, Settings);
        var auprc = Bootstrap.Auprc(probabilities, outcomes, Settings);

        Assert.Equal(BinaryMetrics.Auroc(probabilities, outcomes), auroc.Value, 12);
        Assert.InRange(auroc.Value, auroc.Lower, auroc.Upper);
        Assert.True(auroc.Upper - auroc.Lower is > 0.01 and < 0.1, $"AUROC interval {auroc}");
        Assert.Equal(BinaryMetrics.Auprc(probabilities, outcomes), auprc.Value, 12);
        Assert.InRange(auprc.Value, auprc.Lower, auprc.Upper);
    }

    [Fact]
    public void PairedDifference_OfAScoreWithItself_IsZero()
    {
        var (probabilities, outcomes) = Patients;

        Assert.Equal(new AurocDifference(0, 0, 0), Bootstrap.AurocDifference(probabilities, probabilities, outcomes, Settings));
    }

    [Fact]
    public void PairedDifference_OfTheTrueProbabilityOverANoisyOne_IsAboveZero()
    {
        var (probabilities, outcomes) = Patients;
        var noisy = SimulatedScores.Noisy(probabilities, noise: 1, seed: 4);

        var difference = Bootstrap.AurocDifference(probabilities, noisy, outcomes, Settings);

        Assert.Equal(BinaryMetrics.Auroc(probabilities, outcomes) - BinaryMetrics.Auroc(noisy, outcomes), difference.Difference, 12);
        Assert.True(difference.LowerAboveZero, $"difference {difference}");
        Assert.False(Bootstrap.AurocDifference(noisy, probabilities, outcomes, Settings).LowerAboveZero);
    }

    [Fact]
    public void Run_GivesEachVectorTheIntervalItWouldHaveAlone()
    {
        var (probabilities, outcomes) = Patients;
        var noisy = SimulatedScores.Noisy(probabilities, noise: 1, seed: 4);

        var together = Bootstrap.Run([probabilities, noisy], outcomes, Settings);

        Assert.Equal(Bootstrap.Auroc(noisy, outcomes, Settings), together.AurocInterval(1));
    }
}
