using Phm.Ml.Evaluation;

namespace Phm.Ml.Tests.Evaluation;

/// <summary>AUROC, AUPRC, Brier, calibration and capacity on examples worked by hand, and bad input refused.</summary>
public sealed class BinaryMetricsTests
{
    // Events at 0.35 and 0.8; non-events at 0.1 and 0.4: three of the four event/non-event pairs ranked right.
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] Outcomes = [false, false, true, true];

    // Events at 0.3, 0.3 and 0.9; non-events at 0.1, 0.3 and 0.7: three tied at 0.3.
    private static readonly double[] TiedScores = [0.1, 0.3, 0.3, 0.3, 0.7, 0.9];
    private static readonly bool[] TiedOutcomes = [false, false, true, true, false, true];

    [Fact]
    public void Auroc_CountsPairsRankedRight() => Assert.Equal(0.75, BinaryMetrics.Auroc(Scores, Outcomes), 12);

    [Fact]
    public void Auroc_WithTies_CountsATiedPairAsAHalf() =>
        // Each event at 0.3: beats 0.1, ties 0.3, loses to 0.7 (1.5 of 3); the event at 0.9 beats all three: 6 of 9.
        Assert.Equal(6.0 / 9, BinaryMetrics.Auroc(TiedScores, TiedOutcomes), 12);

    [Fact]
    public void Auroc_OfAReversedScore_IsOneMinusIt() =>
        Assert.Equal(1 - 6.0 / 9, BinaryMetrics.Auroc([.. TiedScores.Select(s => -s)], TiedOutcomes), 12);

    [Fact]
    public void Auprc_IsAveragePrecision() =>
        // From the top: 0.8 an event (precision 1, recall 1/2), 0.4 not, 0.35 an event (precision 2/3, recall 1).
        Assert.Equal(0.5 * 1 + 0.5 * 2.0 / 3, BinaryMetrics.Auprc(Scores, Outcomes), 12);

    [Fact]
    public void Auprc_WithTies_TakesATiedRunAsOneThreshold() =>
        // 0.9: precision 1 for a third of recall; 0.7 adds none; the run at 0.3 adds two events and a non-event at once:
        // precision 3/5 for two thirds of recall. 1/3 + 2/5 = 11/15 (taking the tied run one by one would give more or less).
        Assert.Equal(11.0 / 15, BinaryMetrics.Auprc(TiedScores, TiedOutcomes), 12);

    [Fact]
    public void Brier_IsTheMeanSquaredError() =>
        Assert.Equal((0.04 + 0.04 + 0.25) / 3, BinaryMetrics.Brier([0.2, 0.8, 0.5], [false, true, true]), 12);

    [Fact]
    public void Calibration_OfWellCalibratedPredictions_HasSlopeOneAndInterceptZero()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(20_000, seed: 1);

        var fit = BinaryMetrics.Calibration(probabilities, outcomes);

        Assert.InRange(fit.Slope, 0.93, 1.07);
        Assert.InRange(fit.Intercept, -0.1, 0.1);
        Assert.InRange(fit.InTheLarge, -0.05, 0.05);
    }

    [Fact]
    public void Calibration_OfOverConfidentPredictions_HasSlopeBelowOne()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(20_000, seed: 1);

        var fit = BinaryMetrics.Calibration(SimulatedScores.Sharpened(probabilities, 2), outcomes);

        Assert.InRange(fit.Slope, 0.45, 0.55);
    }

    [Fact]
    public void Calibration_OfUnderPredictions_HasInTheLargeAboveZero()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(20_000, seed: 1);

        var fit = BinaryMetrics.Calibration([.. probabilities.Select(p => p / 2)], outcomes);

        Assert.True(fit.InTheLarge > 0.5, $"calibration-in-the-large {fit.InTheLarge}");
    }

    [Fact]
    public void CalibrationTable_SplitsPatientsByPredictedProbabilityIntoEqualBins()
    {
        double[] probabilities = [0.9, 0.1, 0.5, 0.2, 0.6, 0.3];
        bool[] outcomes = [true, false, true, false, false, true];

        var table = BinaryMetrics.CalibrationTable(probabilities, outcomes, bins: 3);

        Assert.Equal(
            [new CalibrationBin(1, 2, 0, 0.15, 0), new CalibrationBin(2, 2, 2, 0.4, 1), new CalibrationBin(3, 2, 1, 0.75, 0.5)],
            table.Select(b => b with { MeanPredicted = Math.Round(b.MeanPredicted, 12) }));
    }

    [Fact]
    public void AtTop_FlagsTheCeilingOfTheShare_BreakingTiesAtTheCutByPosition()
    {
        // Ten patients, top 20%: two flagged. 0.9 first, then three tied at 0.5: the earliest of them (an event at position 1).
        double[] scores = [0.1, 0.5, 0.9, 0.5, 0.2, 0.5, 0.1, 0.1, 0.3, 0.1];
        bool[] outcomes = [false, true, false, false, true, true, false, false, false, true];

        var top = BinaryMetrics.AtTop(scores, outcomes, 0.2);

        Assert.Equal(new TopShare(0.2, 2, 1, 0.5, 0.25), top);
        Assert.Equal(3, BinaryMetrics.AtTop(scores, outcomes, 0.21).Flagged);
    }

    [Theory]
    [InlineData(250_000, 0.005, 1_250)]
    [InlineData(250_000, 0.05, 12_500)]
    [InlineData(1_001, 0.01, 11)]
    [InlineData(10, 0.001, 1)]
    public void Flagged_IsTheCeilingOfTheShare(int patients, double share, int flagged) =>
        Assert.Equal(flagged, BinaryMetrics.Flagged(patients, share));

    [Fact]
    public void Roc_RunsFromTheOriginToTheCorner()
    {
        var curve = BinaryMetrics.Roc("tied", TiedScores, TiedOutcomes);

        Assert.Equal([0, 0, 1.0 / 3, 2.0 / 3, 1], curve.FalsePositiveRate);
        Assert.Equal([0, 1.0 / 3, 1.0 / 3, 1, 1], curve.TruePositiveRate);
        Assert.Equal(6.0 / 9, curve.Auroc, 12);
    }

    [Fact]
    public void Metrics_OfArraysOfDifferentLengths_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Auroc([0.1, 0.2], [true]));

        Assert.Equal("outcomes", error.ParamName);
        Assert.Contains("2 scores but 1 outcomes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_OfANaNScore_AreRefusedNamingItsPosition()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Auprc([0.1, double.NaN], [true, false]));

        Assert.Equal("scores", error.ParamName);
        Assert.Contains("position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auroc_WithoutEvents_IsRefused() =>
        Assert.Contains("no events", Assert.Throws<ArgumentException>(() => BinaryMetrics.Auroc([0.1, 0.2], [false, false])).Message, StringComparison.Ordinal);

    [Fact]
    public void Brier_OfAValueOutsideZeroToOne_IsRefused() =>
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => BinaryMetrics.Brier([0.1, 1.2], [false, true])).ParamName);
}
