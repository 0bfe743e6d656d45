using Phm.Ml.Evaluation;

namespace Phm.Ml.Tests.Evaluation;

/// <summary>MODEL_CARD.md, rendered from the record written as metrics.json.</summary>
public sealed class ModelCardTests
{
    private static readonly ModelMetrics Metrics = SampleMetrics.Create();
    private static readonly string Card = ModelCard.Render(Metrics);

    [Fact]
    public void Card_HasEverySectionOfTheIssue()
    {
        string[] sections = ["## Intended use", "## Data", "## Outcome", "## Features", "## Learner and baselines", "## Calibration",
            "## Capacity", "## Fairness", "## Limitations", "## How to retrain"];

        Assert.Equal(sections, Card.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)));
        Assert.StartsWith("# emergency-admission-12m 1.0.0\n", Card, StringComparison.Ordinal);
        Assert.Contains("[features.json](features.json)", Card, StringComparison.Ordinal);
        Assert.Contains("`phm train`", Card, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_LeadsWithTheShareOfTheOraclesAuroc()
    {
        var share = Metrics.Comparison["LightGbm"].AurocShareOfOracle!.Value;

        Assert.Contains($"**{(share * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% of the oracle's**", Card.Split('\n')[2], StringComparison.Ordinal);
        Assert.Contains("flatter a model", Card, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_HasARowPerCandidateCapacityShareAndGroup()
    {
        var rows = Card.Split('\n');

        Assert.Contains(rows, r => r.StartsWith("| PriorEmergencyAdmissions | ", StringComparison.Ordinal) && r.Contains("| - |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| 0.5% | 10 | ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| 5% | 100 | ", StringComparison.Ordinal));
        Assert.Contains("### By national IMD quintile", Card, StringComparison.Ordinal);
        Assert.Contains("| female | 667 | ", Card, StringComparison.Ordinal);
        var binRows = rows.SkipWhile(r => !r.StartsWith("| bin |", StringComparison.Ordinal)).Skip(2).TakeWhile(r => r.Length > 0);
        Assert.Equal(Metrics.Report.CalibrationTable.Count, binRows.Count());
        Assert.DoesNotContain("\r", Card, StringComparison.Ordinal);
    }
}
