namespace Phm.Ml.Evaluation;

/// <summary>
/// One score vector sorted once, with its outcomes, from the highest score down: AUROC and average precision under any
/// resampling weights in one pass, so a bootstrap replicate never sorts. Weights are counts (how often each patient
/// was drawn), so the AUROC sums are exact integers and a replicate's result does not depend on summation order.
/// </summary>
internal sealed class RankedOutcomes
{
    // Each ranked patient in one int, so the pass reads one sequential stream besides the weights.
    private const int PatientMask = LastInRunBit - 1;
    private const int LastInRunBit = 1 << 29;
    private const int EventShift = 30;

    private readonly int[] _ranked;

    public RankedOutcomes(double[] scores, bool[] outcomes)
    {
        if (scores.Length > PatientMask)
            throw new ArgumentException($"{scores.Length} patients are more than the {PatientMask} a ranking holds.", nameof(scores));
        var keys = (double[])scores.Clone();
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);

        _ranked = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            var ascending = order.Length - 1 - k;
            var lastInRun = ascending == 0 || keys[ascending - 1] != keys[ascending];
            _ranked[k] = order[ascending] | (outcomes[order[ascending]] ? 1 << EventShift : 0) | (lastInRun ? LastInRunBit : 0);
        }
    }

    public int Patients => _ranked.Length;

    /// <summary>
    /// AUROC (the chance an event outscores a non-event, ties counting a half; NaN without both) and average precision
    /// (precision at each threshold from the top, weighted by the recall it adds, a run of equal scores being one
    /// threshold; NaN without events), each patient weighing its count.
    /// </summary>
    public (double Auroc, double AveragePrecision) Measure(int[] counts)
    {
        long events = 0, nonEvents = 0, runEvents = 0, runNonEvents = 0;
        // Σ over runs of events × (2 × non-events above + non-events in the run): twice the pairs an event does not win,
        // ties counting one. Twice U is then 2 × events × non-events minus it.
        long twiceNotWon = 0;
        double precisionSum = 0;
        foreach (var packed in _ranked)
        {
            var weight = counts[packed & PatientMask];
            var eventWeight = weight & -((packed >> EventShift) & 1);
            runEvents += eventWeight;
            runNonEvents += weight - eventWeight;
            if ((packed & LastInRunBit) == 0) continue;

            twiceNotWon += runEvents * (2 * nonEvents + runNonEvents);
            events += runEvents;
            nonEvents += runNonEvents;
            if (runEvents > 0) precisionSum += runEvents * ((double)events / (events + nonEvents));
            runEvents = runNonEvents = 0;
        }
        var pairs = 2 * events * nonEvents;
        return (pairs == 0 ? double.NaN : (pairs - twiceNotWon) / (double)pairs, events == 0 ? double.NaN : precisionSum / events);
    }

    /// <summary>Events and non-events in each run of equal scores, from the highest score down, each patient once.</summary>
    public IEnumerable<(long Events, long NonEvents)> RunsFromTop()
    {
        long runEvents = 0, runNonEvents = 0;
        foreach (var packed in _ranked)
        {
            if (((packed >> EventShift) & 1) == 1) runEvents++;
            else runNonEvents++;
            if ((packed & LastInRunBit) == 0) continue;
            yield return (runEvents, runNonEvents);
            runEvents = runNonEvents = 0;
        }
    }

    /// <summary>Every patient drawn once: the weights of the full data.</summary>
    public static int[] Once(int patients)
    {
        var counts = new int[patients];
        Array.Fill(counts, 1);
        return counts;
    }
}
