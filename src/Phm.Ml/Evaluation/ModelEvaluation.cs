namespace Phm.Ml.Evaluation;

/// <summary>
/// The evaluation of a model version, as a pure function of (scores, outcomes, subgroupings, settings): the same
/// inputs give the same report, so stored predictions can be re-evaluated and checked against <c>metrics.json</c>.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Everything the model card reports for one set of predicted probabilities: AUROC and AUPRC with bootstrap
    /// intervals, Brier, calibration fit and table, capacity (PPV and sensitivity at each share) and each subgrouping.
    /// </summary>
    public static EvaluationReport Evaluate(double[] probabilities, bool[] outcomes, IReadOnlyList<Subgrouping> subgroupings, EvaluationSettings settings)
    {
        var events = BinaryMetrics.CheckProbabilities(probabilities, outcomes);
        BinaryMetrics.RequireBothClasses(events, outcomes.Length, nameof(outcomes));
        var bootstrap = Bootstrap.Run([probabilities], outcomes, settings.Bootstrap);

        return new EvaluationReport(
            outcomes.Length,
            events,
            bootstrap.AurocInterval(0),
            bootstrap.AuprcInterval(0),
            BinaryMetrics.Brier(probabilities, outcomes),
            BinaryMetrics.Calibration(probabilities, outcomes),
            BinaryMetrics.CalibrationTable(probabilities, outcomes, settings.CalibrationBins),
            BinaryMetrics.AtTop(probabilities, outcomes, settings.CapacityShares),
            [.. subgroupings.Select(grouping => Subgroups(probabilities, outcomes, grouping, settings.MinimumSubgroupEvents))]);
    }

    /// <summary>
    /// Candidates on the same outcomes, all bootstrapped on the same draws: each one's headline figures, and the paired
    /// AUROC difference of <paramref name="focus"/> against every other candidate. With an <paramref name="oracle"/>
    /// (the generator's true probability), each candidate's share of its AUROC and Brier relative to its Brier.
    /// </summary>
    public static CandidateComparison Compare(bool[] outcomes, IReadOnlyList<Candidate> candidates, string focus, EvaluationSettings settings, string? oracle = null)
    {
        var duplicate = candidates.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Candidate '{duplicate.Key}' is given more than once.", nameof(candidates));
        var focusIndex = IndexOf(candidates, focus, nameof(focus));
        var oracleIndex = oracle is null ? (int?)null : IndexOf(candidates, oracle, nameof(oracle));
        if (oracleIndex is { } o && !candidates[o].IsProbability)
            throw new ArgumentException($"The oracle '{oracle}' must be a probability.", nameof(oracle));

        var bootstrap = Bootstrap.Run([.. candidates.Select(c => c.Scores)], outcomes, settings.Bootstrap);
        var brier = candidates.Select(c => c.IsProbability ? BinaryMetrics.Brier(c.Scores, outcomes) : (double?)null).ToArray();
        var oracleAuroc = oracleIndex is { } oa ? bootstrap.AurocInterval(oa).Value : (double?)null;
        var oracleBrier = oracleIndex is { } ob ? brier[ob] : null;

        var summaries = candidates.Select((candidate, k) =>
        {
            var auroc = bootstrap.AurocInterval(k);
            var calibration = candidate.IsProbability ? BinaryMetrics.Calibration(candidate.Scores, outcomes) : null;
            return new CandidateSummary(
                candidate.Name,
                candidate.IsProbability,
                auroc,
                bootstrap.AuprcInterval(k),
                brier[k],
                calibration?.Slope,
                calibration?.Intercept,
                auroc.Value / oracleAuroc,
                brier[k] / oracleBrier);
        }).ToArray();

        var differences = candidates.Select((candidate, k) => (candidate, k)).Where(c => c.k != focusIndex).Select(c =>
        {
            var difference = bootstrap.AurocDifference(focusIndex, c.k);
            return new CandidateDifference(focus, c.candidate.Name, difference.Difference, difference.Lower, difference.Upper, difference.LowerAboveZero);
        }).ToArray();

        return new CandidateComparison(focus, oracle, summaries, differences);
    }

    private static SubgroupTable Subgroups(double[] probabilities, bool[] outcomes, Subgrouping grouping, int minimumEvents)
    {
        if (grouping.GroupOfEach.Length != outcomes.Length)
            throw new ArgumentException($"Subgrouping '{grouping.Name}' gives {grouping.GroupOfEach.Length} groups for {outcomes.Length} patients: give one per patient.", nameof(grouping));
        var unlabelled = Array.FindIndex(grouping.GroupOfEach, g => g is null);
        if (unlabelled >= 0)
            throw new ArgumentException($"Subgrouping '{grouping.Name}' has no group for the patient at position {unlabelled}.", nameof(grouping));

        var groups = Enumerable.Range(0, outcomes.Length)
            .GroupBy(i => grouping.GroupOfEach[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Subgroup(g.Key, [.. g.Select(i => probabilities[i])], [.. g.Select(i => outcomes[i])], minimumEvents));
        return new SubgroupTable(grouping.Name, [.. groups]);
    }

    private static SubgroupMetrics Subgroup(string group, double[] probabilities, bool[] outcomes, int minimumEvents)
    {
        var events = outcomes.Count(o => o);
        var nonEvents = outcomes.Length - events;
        var expected = probabilities.Sum();
        var observedToExpected = expected > 0 ? events / expected : (double?)null;
        var brier = BinaryMetrics.Brier(probabilities, outcomes);

        var note = events < minimumEvents ? $"fewer than {minimumEvents} events: AUROC and calibration not estimated"
            : nonEvents < minimumEvents ? $"fewer than {minimumEvents} non-events: AUROC and calibration not estimated"
            : null;
        if (note is not null)
            return new SubgroupMetrics(group, outcomes.Length, events, null, brier, null, null, observedToExpected, note);

        var calibration = BinaryMetrics.Calibration(probabilities, outcomes);
        return new SubgroupMetrics(group, outcomes.Length, events, BinaryMetrics.Auroc(probabilities, outcomes), brier,
            calibration.Slope, calibration.Intercept, observedToExpected, null);
    }

    private static int IndexOf(IReadOnlyList<Candidate> candidates, string name, string parameter)
    {
        for (var k = 0; k < candidates.Count; k++)
            if (candidates[k].Name == name) return k;
        throw new ArgumentException($"'{name}' is not one of the candidates ({string.Join(", ", candidates.Select(c => c.Name))}).", parameter);
    }
}
