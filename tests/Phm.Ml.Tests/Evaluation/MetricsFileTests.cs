using Phm.Ml.Evaluation;

namespace Phm.Ml.Tests.Evaluation;

/// <summary>metrics.json: written and read back unchanged, in a shape that diffs well.</summary>
public sealed class MetricsFileTests
{
    [Fact]
    public void Metrics_WrittenAndRead_AreTheSame()
    {
        var metrics = SampleMetrics.Create();
        var path = Path.Combine(Path.GetTempPath(), $"metrics-{Guid.NewGuid():N}.json");
        try
        {
            MetricsFile.Write(path, metrics);
            var read = MetricsFile.Read(path);

            Assert.Equal(MetricsFile.ToJson(metrics), MetricsFile.ToJson(read));
            Assert.Equal(File.ReadAllText(path), MetricsFile.ToJson(read));
            Assert.Equal(metrics.Report.Auroc, read.Report.Auroc);
            Assert.Equal(metrics.Comparison.Differences, read.Comparison.Differences);
            Assert.Equal(metrics.Report.Subgroups[0].Groups, read.Report.Subgroups[0].Groups);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Metrics_RecomputedFromTheSamePredictions_AreTheSameToTheLastDigit() =>
        // The check a stored model's metrics.json gets: a pure function of scores, outcomes, groupings and settings.
        Assert.Equal(MetricsFile.ToJson(SampleMetrics.Create()), MetricsFile.ToJson(SampleMetrics.Create()));

    [Fact]
    public void MetricsJson_IsCamelCaseIndentedWithNewlineEnds()
    {
        var json = MetricsFile.ToJson(SampleMetrics.Create());

        Assert.StartsWith("{\n  \"model\": \"emergency-admission-12m\",\n  \"version\": \"1.0.0\",\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.Contains("\"trainedOn\": \"2024-04-01\"", json, StringComparison.Ordinal);
        Assert.Contains("\"oracle\": {\n    \"name\": \"Oracle\"", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_TakesTheKeptModelsReportAndTheOracle()
    {
        var metrics = SampleMetrics.Create();
        var trainedAt = new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

        var headline = metrics.Headline("hash", trainedAt);

        Assert.Equal(("emergency-admission-12m", "LightGbm", "hash", trainedAt), (headline.Name, headline.Learner, headline.FeatureSchemaHash, headline.TrainedAtUtc));
        Assert.Equal((metrics.Report.Auroc.Value, metrics.Report.Auroc.Lower, metrics.Report.Calibration.Slope), (headline.Auroc, headline.AurocLower, headline.CalibrationSlope));
        Assert.Equal(metrics.Comparison["Oracle"].Brier, headline.OracleBrier);
    }

    [Fact]
    public void MetricsJson_ThatIsNotMetrics_IsRefusedNamingTheFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => MetricsFile.FromJson("{\"model\": 3}", "ml-models/x/1.0.0/metrics.json"));

        Assert.StartsWith("ml-models/x/1.0.0/metrics.json is not a readable metrics file", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A small but complete evaluation, as the trainer writes one.</summary>
internal static class SampleMetrics
{
    public static ModelMetrics Create()
    {
        var (oracle, outcomes) = SimulatedScores.WellCalibrated(2_000, seed: 21);
        var model = SimulatedScores.Noisy(oracle, noise: 0.5, seed: 22);
        var settings = new EvaluationSettings { Replicates = 50, Seed = 9 };
        var sex = Enumerable.Range(0, outcomes.Length).Select(i => i % 3 == 0 ? "female" : "male").ToArray();
        var quintile = Enumerable.Range(0, outcomes.Length).Select(i => ((i % 5) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var comparison = ModelEvaluation.Compare(outcomes,
            [new("LightGbm", model), new("PriorEmergencyAdmissions", [.. oracle.Select(p => Math.Floor(p * 5))], IsProbability: false), new("Oracle", oracle)],
            "LightGbm", settings, oracle: "Oracle");
        var report = ModelEvaluation.Evaluate(model, outcomes, [new Subgrouping("national IMD quintile", quintile), new Subgrouping("sex", sex)], settings);

        return new ModelMetrics(
            "emergency-admission-12m", "1.0.0", "emergency admission in the next 12 months",
            "At least one emergency (non-elective) hospital admission in the 365 days after the index date.",
            "LightGbm", "Its AUROC beats both baselines' (paired bootstrap 95% CI above 0).",
            new DateOnly(2024, 4, 1), new DateOnly(2025, 4, 1),
            new PopulationSummary(2_100, 300), new PopulationSummary(outcomes.Length, outcomes.Count(o => o)),
            settings, comparison, report);
    }
}
