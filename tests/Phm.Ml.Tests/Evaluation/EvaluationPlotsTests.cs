using Phm.Ml.Evaluation;

namespace Phm.Ml.Tests.Evaluation;

/// <summary>The ROC and calibration plots are PNG files, rendered without a display.</summary>
public sealed class EvaluationPlotsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _folder = Directory.CreateTempSubdirectory("phm-plots-").FullName;

    [Fact]
    public void WriteRoc_WritesAPng()
    {
        var (oracle, outcomes) = SimulatedScores.WellCalibrated(2_000, seed: 31);
        var model = SimulatedScores.Noisy(oracle, noise: 1, seed: 32);
        var path = Path.Combine(_folder, "roc.png");

        EvaluationPlots.WriteRoc(path, [BinaryMetrics.Roc("LightGbm", model, outcomes), BinaryMetrics.Roc("Oracle", oracle, outcomes)]);

        Assert.Equal(PngSignature, File.ReadAllBytes(path).Take(8));
    }

    [Fact]
    public void WriteCalibration_WritesAPng()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(2_000, seed: 31);
        var path = Path.Combine(_folder, "calibration.png");

        EvaluationPlots.WriteCalibration(path, BinaryMetrics.CalibrationTable(probabilities, outcomes));

        Assert.Equal(PngSignature, File.ReadAllBytes(path).Take(8));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
