using System.Text.Json.Serialization;

namespace Phm.Ml.Evaluation;

/// <summary>
/// What <see cref="ModelEvaluation"/> computes, and with what: the seed and replicates of the bootstrap, the calibration
/// bins, the capacity shares (a PCN team's top 0.5%, 1%, 5%) and the fewest events (and non-events) a subgroup needs
/// for its AUROC and calibration fit to be reported.
/// </summary>
public sealed record EvaluationSettings
{
    public static EvaluationSettings Default { get; } = new();

    public int Seed { get; init; } = 20261202;
    public int Replicates { get; init; } = 1000;
    public int CalibrationBins { get; init; } = 10;
    public IReadOnlyList<double> CapacityShares { get; init; } = [0.005, 0.01, 0.05];
    public int MinimumSubgroupEvents { get; init; } = 10;

    [JsonIgnore]
    public BootstrapSettings Bootstrap => new(Replicates, Seed);
}

/// <summary>Named groups of patients to report separately, one label per patient: "sex" with "female" and "male", say.</summary>
public sealed record Subgrouping(string Name, string[] GroupOfEach);

/// <summary>The evaluation of one set of predicted probabilities against outcomes (<see cref="ModelEvaluation.Evaluate"/>).</summary>
public sealed record EvaluationReport(
    int Patients,
    int Events,
    Interval Auroc,
    Interval Auprc,
    double Brier,
    CalibrationFit Calibration,
    IReadOnlyList<CalibrationBin> CalibrationTable,
    IReadOnlyList<TopShare> Capacity,
    IReadOnlyList<SubgroupTable> Subgroups);

/// <summary>One <see cref="Subgrouping"/>'s groups, in ordinal order of their labels.</summary>
public sealed record SubgroupTable(string Name, IReadOnlyList<SubgroupMetrics> Groups);

/// <summary>
/// One group of patients: its size and events, AUROC, Brier score, calibration slope and intercept, and observed over
/// expected events (events ÷ sum of predicted probabilities; above 1, risk under-predicted). AUROC and calibration are
/// null, with a <see cref="Note"/> saying why, when the group has too few events or non-events to estimate them.
/// </summary>
public sealed record SubgroupMetrics(
    string Group,
    int Patients,
    int Events,
    double? Auroc,
    double Brier,
    double? CalibrationSlope,
    double? CalibrationIntercept,
    double? ObservedToExpected,
    string? Note);

/// <summary>A scored candidate for <see cref="ModelEvaluation.Compare"/>: a learner, a baseline, a rule, or the oracle.</summary>
/// <param name="IsProbability">False for a score that is not a probability (a count of prior admissions): no Brier or calibration.</param>
public sealed record Candidate(string Name, double[] Scores, bool IsProbability = true);

/// <summary>
/// Candidates on the same outcomes: each one's headline figures, and the paired AUROC difference of <see cref="Focus"/>
/// against each other candidate.
/// </summary>
public sealed record CandidateComparison(
    string Focus,
    string? Oracle,
    IReadOnlyList<CandidateSummary> Candidates,
    IReadOnlyList<CandidateDifference> Differences)
{
    /// <summary>Whether <see cref="Focus"/>'s AUROC beats <paramref name="against"/>'s: the paired 95% interval of the difference is above 0.</summary>
    public bool FocusBeats(string against) =>
        Differences.SingleOrDefault(d => d.Against == against)?.LowerAboveZero
        ?? throw new ArgumentException($"'{against}' is not a candidate compared with '{Focus}'.", nameof(against));

    public CandidateSummary this[string name] =>
        Candidates.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"There is no candidate '{name}'.", nameof(name));
}

/// <summary>
/// A candidate's headline figures. Brier and calibration are null for a score that is not a probability; the oracle
/// ratios are null without an oracle (AUROC share: this AUROC ÷ the oracle's; Brier relative: this Brier ÷ the oracle's,
/// so 1.05 is 5% worse).
/// </summary>
public sealed record CandidateSummary(
    string Name,
    bool IsProbability,
    Interval Auroc,
    Interval Auprc,
    double? Brier,
    double? CalibrationSlope,
    double? CalibrationIntercept,
    double? AurocShareOfOracle,
    double? BrierRelativeToOracle);

/// <summary>AUROC of <see cref="Candidate"/> minus that of <see cref="Against"/>, with its paired 95% bootstrap interval.</summary>
public sealed record CandidateDifference(string Candidate, string Against, double Difference, double Lower, double Upper, bool LowerAboveZero);
