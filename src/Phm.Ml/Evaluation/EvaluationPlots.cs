using System.Globalization;
using ScottPlot;

namespace Phm.Ml.Evaluation;

/// <summary>The ROC and calibration plots written beside a model version, as PNG (ScottPlot, rendered headless).</summary>
public static class EvaluationPlots
{
    public const string RocFileName = "roc.png";
    public const string CalibrationFileName = "calibration.png";

    private const int Width = 800, Height = 600;

    /// <summary>Several named ROC curves with the diagonal of a random ranking; each curve's AUROC in the legend.</summary>
    public static void WriteRoc(string path, IReadOnlyList<RocCurve> curves, string title = "ROC curves")
    {
        var plot = new Plot();
        foreach (var curve in curves)
        {
            var line = plot.Add.ScatterLine(curve.FalsePositiveRate, curve.TruePositiveRate);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{curve.Name} (AUROC {curve.Auroc:0.000})");
        }
        Diagonal(plot, 1, "random ranking");
        plot.Axes.SetLimits(0, 1, 0, 1);
        Save(plot, path, title, "False positive rate (1 - specificity)", "True positive rate (sensitivity)");
    }

    /// <summary>One calibration table.</summary>
    public static void WriteCalibration(string path, IReadOnlyList<CalibrationBin> table, string title = "Calibration") =>
        WriteCalibration(path, [new CalibrationSeries("model", table)], title);

    /// <summary>Mean predicted probability against observed event rate in each bin, for each named table, with the ideal line.</summary>
    public static void WriteCalibration(string path, IReadOnlyList<CalibrationSeries> series, string title = "Calibration")
    {
        var plot = new Plot();
        var top = 0.0;
        foreach (var (name, bins) in series)
        {
            var points = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.ObservedRate).ToArray());
            points.LegendText = name;
            points.MarkerSize = 8;
            top = Math.Max(top, bins.Max(b => Math.Max(b.MeanPredicted, b.ObservedRate)));
        }
        // Risk is mostly low: scaled to the data, not to [0, 1], so the bins are not crowded in a corner.
        top = Math.Min(1, top * 1.05);
        Diagonal(plot, top, "perfect calibration");
        plot.Axes.SetLimits(0, top, 0, top);
        Save(plot, path, title, "Mean predicted probability", "Observed event rate");
    }

    private static void Diagonal(Plot plot, double to, string legend)
    {
        var line = plot.Add.Line(0, 0, to, to);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LegendText = legend;
    }

    private static void Save(Plot plot, string path, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }
}

/// <summary>A named calibration table, one series of a calibration plot.</summary>
public sealed record CalibrationSeries(string Name, IReadOnlyList<CalibrationBin> Bins);
