namespace Phm.Ml.Evaluation;

/// <summary>
/// One score vector sorted once, with its outcomes, in runs of equal scores: AUROC and average precision under any
/// resampling weights in one pass, so a bootstrap replicate never sorts. Weights are counts (how often each patient
/// was drawn), so the AUROC sums are exact integers and a replicate's result does not depend on summation order.
/// </summary>
internal sealed class RankedOutcomes
{
    private readonly int[] _order;
    private readonly bool[] _eventInOrder;
    private readonly int[] _runEnds;

    public RankedOutcomes(double[] scores, bool[] outcomes)
    {
        var keys = (double[])scores.Clone();
        _order = new int[scores.Length];
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
        Array.Sort(keys, _order);

        _eventInOrder = new bool[_order.Length];
        var runEnds = new List<int>();
        for (var k = 0; k < _order.Length; k++)
        {
            _eventInOrder[k] = outcomes[_order[k]];
            if (k + 1 == _order.Length || keys[k + 1] != keys[k]) runEnds.Add(k + 1);
        }
        _runEnds = [.. runEnds];
    }

    /// <summary>How many runs of equal scores (distinct score values) there are: the length of a <see cref="Tally"/>.</summary>
    public int Runs => _runEnds.Length;

    /// <summary>Weighted events and non-events in each run, lowest score first; every patient weighs 1 without <paramref name="counts"/>.</summary>
    public void Tally(int[]? counts, long[] eventsInRun, long[] nonEventsInRun)
    {
        var start = 0;
        for (var run = 0; run < _runEnds.Length; run++)
        {
            long events = 0, nonEvents = 0;
            var end = _runEnds[run];
            for (var k = start; k < end; k++)
            {
                var weight = counts is null ? 1 : counts[_order[k]];
                if (_eventInOrder[k]) events += weight;
                else nonEvents += weight;
            }
            eventsInRun[run] = events;
            nonEventsInRun[run] = nonEvents;
            start = end;
        }
    }

    /// <summary>The chance an event outscores a non-event, ties counting a half; NaN without both.</summary>
    public static double Auroc(long[] eventsInRun, long[] nonEventsInRun)
    {
        // Twice the Mann-Whitney U, so the half for a tie stays an integer.
        long twiceU = 0, nonEventsBelow = 0, events = 0;
        for (var run = 0; run < eventsInRun.Length; run++)
        {
            twiceU += eventsInRun[run] * (2 * nonEventsBelow + nonEventsInRun[run]);
            nonEventsBelow += nonEventsInRun[run];
            events += eventsInRun[run];
        }
        return events == 0 || nonEventsBelow == 0 ? double.NaN : twiceU / (2.0 * events * nonEventsBelow);
    }

    /// <summary>
    /// Average precision: the precision at each threshold, weighted by the recall it adds, from the highest score down; a
    /// run of equal scores is one threshold. NaN without events.
    /// </summary>
    public static double AveragePrecision(long[] eventsInRun, long[] nonEventsInRun)
    {
        long totalEvents = 0;
        foreach (var events in eventsInRun) totalEvents += events;
        if (totalEvents == 0) return double.NaN;

        double sum = 0;
        long eventsAbove = 0, nonEventsAbove = 0;
        for (var run = eventsInRun.Length - 1; run >= 0; run--)
        {
            if (eventsInRun[run] == 0)
            {
                nonEventsAbove += nonEventsInRun[run];
                continue;
            }
            eventsAbove += eventsInRun[run];
            nonEventsAbove += nonEventsInRun[run];
            sum += eventsInRun[run] * ((double)eventsAbove / (eventsAbove + nonEventsAbove));
        }
        return sum / totalEvents;
    }
}
