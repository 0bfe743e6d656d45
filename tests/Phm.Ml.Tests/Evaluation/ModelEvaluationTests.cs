using Phm.Ml.Evaluation;

namespace Phm.Ml.Tests.Evaluation;

/// <summary>One scored set's report with its subgroups, and candidates compared against each other and the oracle.</summary>
public sealed class ModelEvaluationTests
{
    private static readonly EvaluationSettings Settings = new() { Replicates = 100, Seed = 5 };

    [Fact]
    public void Evaluate_ReportsHeadlineCalibrationAndCapacity()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(4_000, seed: 11);

        var report = ModelEvaluation.Evaluate(probabilities, outcomes, [], Settings);

        Assert.Equal((4_000, outcomes.Count(o => o)), (report.Patients, report.Events));
        Assert.Equal(BinaryMetrics.Auroc(probabilities, outcomes), report.Auroc.Value);
        Assert.Equal(BinaryMetrics.Brier(probabilities, outcomes), report.Brier);
        Assert.Equal(10, report.CalibrationTable.Count);
        Assert.Equal([20, 40, 200], report.Capacity.Select(c => c.Flagged));
    }

    [Fact]
    public void Evaluate_ReportsEachGroupInLabelOrder()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(4_000, seed: 11);
        var sex = Enumerable.Range(0, 4_000).Select(i => i % 2 == 0 ? "male" : "female").ToArray();

        var table = Assert.Single(ModelEvaluation.Evaluate(probabilities, outcomes, [new Subgrouping("sex", sex)], Settings).Subgroups);

        Assert.Equal("sex", table.Name);
        Assert.Equal(["female", "male"], table.Groups.Select(g => g.Group));
        var female = table.Groups[0];
        var odd = Enumerable.Range(0, 4_000).Where(i => i % 2 == 1).ToArray();
        Assert.Equal(BinaryMetrics.Auroc([.. odd.Select(i => probabilities[i])], [.. odd.Select(i => outcomes[i])]), female.Auroc);
        Assert.InRange(female.ObservedToExpected!.Value, 0.85, 1.15);
        Assert.InRange(female.CalibrationSlope!.Value, 0.8, 1.2);
        Assert.Null(female.Note);
    }

    [Fact]
    public void Evaluate_OfAGroupWithoutEvents_GivesNoAurocAndSaysWhy()
    {
        double[] probabilities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
        bool[] outcomes = [false, true, false, true, false, false, true, true];
        string[] band = ["young", "old", "young", "old", "young", "old", "old", "old"];

        var groups = ModelEvaluation.Evaluate(probabilities, outcomes, [new Subgrouping("age band", band)], Settings with { CalibrationBins = 2 })
            .Subgroups[0].Groups;

        var young = groups.Single(g => g.Group == "young");
        Assert.Equal((3, 0), (young.Patients, young.Events));
        Assert.Null(young.Auroc);
        Assert.Null(young.CalibrationSlope);
        Assert.Equal(0, young.ObservedToExpected);
        Assert.Equal("fewer than 10 events: AUROC and calibration not estimated", young.Note);
    }

    [Fact]
    public void Evaluate_OfASubgroupingOfAnotherLength_IsRefusedNamingIt()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(100, seed: 11);

        var error = Assert.Throws<ArgumentException>(() => ModelEvaluation.Evaluate(probabilities, outcomes, [new Subgrouping("sex", ["male"])], Settings));

        Assert.Contains("'sex' gives 1 groups for 100 patients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TheOracleAgainstWeakerCandidates_BeatsThemAndSharesOutOfIt()
    {
        var (oracle, outcomes) = SimulatedScores.WellCalibrated(4_000, seed: 11);
        var model = SimulatedScores.Noisy(oracle, noise: 0.5, seed: 12);
        var rule = oracle.Select(p => Math.Floor(p * 10)).ToArray();

        var comparison = ModelEvaluation.Compare(outcomes,
            [new("Model", model), new("PriorEmergencyAdmissions", rule, IsProbability: false), new("Oracle", oracle)],
            focus: "Oracle", Settings, oracle: "Oracle");

        Assert.True(comparison.FocusBeats("Model"));
        Assert.Equal(["Model", "PriorEmergencyAdmissions"], comparison.Differences.Select(d => d.Against));
        Assert.Equal(1, comparison["Oracle"].AurocShareOfOracle);
        Assert.InRange(comparison["Model"].AurocShareOfOracle!.Value, 0.9, 1);
        Assert.True(comparison["Model"].BrierRelativeToOracle > 1);
        Assert.Null(comparison["PriorEmergencyAdmissions"].Brier);
        Assert.Null(comparison["PriorEmergencyAdmissions"].BrierRelativeToOracle);
    }

    [Fact]
    public void Compare_WithoutAnOracle_GivesNoOracleShares()
    {
        var (probabilities, outcomes) = SimulatedScores.WellCalibrated(1_000, seed: 11);

        var comparison = ModelEvaluation.Compare(outcomes, [new("A", probabilities), new("B", SimulatedScores.Noisy(probabilities, 1, 2))], "A", Settings);

        Assert.All(comparison.Candidates, c => Assert.Null(c.AurocShareOfOracle));
    }
}
