namespace Phm.Ml.Evaluation;

/// <summary>
/// How well risk scores separate and predict a yes/no outcome, one score and one outcome per patient. Scores are any
/// risk score, higher meaning more risk; probabilities must lie in [0, 1]. Bad input is refused with an
/// <see cref="ArgumentException"/> naming the argument and the problem.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Predictions are clamped this far from 0 and 1 before taking logits.</summary>
    public const double LogitClamp = 1e-7;

    /// <summary>The area under the ROC curve: the chance an event outscores a non-event (Mann-Whitney), ties counting a half.</summary>
    public static double Auroc(double[] scores, bool[] outcomes)
    {
        RequireBothClasses(Check(scores, outcomes), scores.Length, nameof(outcomes));
        return new RankedOutcomes(scores, outcomes).Measure(RankedOutcomes.Once(scores.Length)).Auroc;
    }

    /// <summary>
    /// The area under the precision-recall curve as average precision: Σ (recall gained) × precision over thresholds
    /// from the highest score down, a run of tied scores being one threshold.
    /// </summary>
    public static double Auprc(double[] scores, bool[] outcomes)
    {
        RequireBothClasses(Check(scores, outcomes), scores.Length, nameof(outcomes));
        return new RankedOutcomes(scores, outcomes).Measure(RankedOutcomes.Once(scores.Length)).AveragePrecision;
    }

    /// <summary>The mean squared difference between each probability and its outcome (0 or 1).</summary>
    public static double Brier(double[] probabilities, bool[] outcomes)
    {
        CheckProbabilities(probabilities, outcomes);
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var error = probabilities[i] - (outcomes[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / probabilities.Length;
    }

    /// <summary>
    /// The logistic recalibration logit(P(y)) = a + b·logit(p), fitted by Newton-Raphson with p clamped to
    /// [<see cref="LogitClamp"/>, 1 − <see cref="LogitClamp"/>]: slope b (1 ideal; below 1, predictions too extreme),
    /// intercept a (0 ideal), and calibration-in-the-large (the intercept with the slope fixed at 1: above 0, risk
    /// under-predicted overall).
    /// </summary>
    public static CalibrationFit Calibration(double[] probabilities, bool[] outcomes)
    {
        RequireBothClasses(CheckProbabilities(probabilities, outcomes), probabilities.Length, nameof(outcomes));
        return LogisticRecalibration.Fit(probabilities, outcomes);
    }

    /// <summary>
    /// Patients sorted by predicted probability (ties by position) in <paramref name="bins"/> bins of equal size (sizes
    /// differ by at most one, the larger bins last): each bin's count, events, mean predicted and observed rate.
    /// </summary>
    public static CalibrationBin[] CalibrationTable(double[] probabilities, bool[] outcomes, int bins = 10)
    {
        CheckProbabilities(probabilities, outcomes);
        var n = probabilities.Length;
        if (bins < 1 || bins > n)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"The number of bins must be between 1 and the number of patients ({n}).");

        var order = StableOrder(probabilities, descending: false);
        var table = new CalibrationBin[bins];
        for (var bin = 0; bin < bins; bin++)
        {
            int start = (int)((long)n * bin / bins), end = (int)((long)n * (bin + 1) / bins);
            double predicted = 0;
            var events = 0;
            for (var k = start; k < end; k++)
            {
                predicted += probabilities[order[k]];
                if (outcomes[order[k]]) events++;
            }
            var count = end - start;
            table[bin] = new CalibrationBin(bin + 1, count, events, predicted / count, (double)events / count);
        }
        return table;
    }

    /// <summary>
    /// What a team with capacity for the top <paramref name="share"/> of patients would find: it flags
    /// ⌈n × share⌉ patients (at least one) by descending score, breaking ties at the cut by position in the arrays
    /// (the earlier patient first), and reports how many of them have the outcome, PPV and sensitivity.
    /// </summary>
    public static TopShare AtTop(double[] scores, bool[] outcomes, double share) => AtTop(scores, outcomes, [share])[0];

    /// <summary><see cref="AtTop(double[], bool[], double)"/> for several shares, sorting once.</summary>
    public static TopShare[] AtTop(double[] scores, bool[] outcomes, IReadOnlyList<double> shares)
    {
        var events = Check(scores, outcomes);
        if (events == 0) throw new ArgumentException("There are no events, so sensitivity is undefined.", nameof(outcomes));
        foreach (var share in shares)
        {
            if (!(share > 0 && share <= 1))
                throw new ArgumentOutOfRangeException(nameof(shares), share, "A share of patients must be above 0 and at most 1.");
        }

        var order = StableOrder(scores, descending: true);
        return [.. shares.Select(share =>
        {
            var flagged = Flagged(scores.Length, share);
            var found = 0;
            for (var k = 0; k < flagged; k++)
                if (outcomes[order[k]]) found++;
            return new TopShare(share, flagged, found, (double)found / flagged, (double)found / events);
        })];
    }

    /// <summary>
    /// ⌈n × share⌉, at least 1. The product is rounded to 9 decimals first, so floating-point noise does not flag one
    /// patient more (250,000 × 0.005 is 1,250.0000000000002).
    /// </summary>
    public static int Flagged(int n, double share) => Math.Max(1, (int)Math.Ceiling(Math.Round(n * share, 9)));

    /// <summary>
    /// The ROC curve: false and true positive rates at each distinct score from the highest down, starting at (0, 0),
    /// thinned to about <paramref name="maxPoints"/> points for plotting (the end points always kept).
    /// </summary>
    public static RocCurve Roc(string name, double[] scores, bool[] outcomes, int maxPoints = 500)
    {
        RequireBothClasses(Check(scores, outcomes), scores.Length, nameof(outcomes));
        var ranked = new RankedOutcomes(scores, outcomes);
        var runs = ranked.RunsFromTop().ToArray();
        double totalEvents = runs.Sum(r => r.Events), totalNonEvents = runs.Sum(r => r.NonEvents);

        var step = Math.Max(1, runs.Length / Math.Max(1, maxPoints));
        List<double> fpr = [0], tpr = [0];
        long eventsAbove = 0, nonEventsAbove = 0;
        for (var run = 0; run < runs.Length; run++)
        {
            eventsAbove += runs[run].Events;
            nonEventsAbove += runs[run].NonEvents;
            if (run % step == step - 1 || run == runs.Length - 1)
            {
                fpr.Add(nonEventsAbove / totalNonEvents);
                tpr.Add(eventsAbove / totalEvents);
            }
        }
        return new RocCurve(name, ranked.Measure(RankedOutcomes.Once(scores.Length)).Auroc, [.. fpr], [.. tpr]);
    }

    /// <summary>Checks one score and one outcome per patient, all finite, and returns the number of events.</summary>
    internal static int Check(double[] scores, bool[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (scores.Length != outcomes.Length)
            throw new ArgumentException($"There are {scores.Length} scores but {outcomes.Length} outcomes: give one of each per patient.", nameof(outcomes));
        if (scores.Length == 0) throw new ArgumentException("There are no patients.", nameof(scores));
        var events = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"The score at position {i} is {scores[i]}: every score must be a finite number.", nameof(scores));
            if (outcomes[i]) events++;
        }
        return events;
    }

    /// <summary><see cref="Check"/>, and every value a probability in [0, 1]; returns the number of events.</summary>
    internal static int CheckProbabilities(double[] probabilities, bool[] outcomes)
    {
        var events = Check(probabilities, outcomes);
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] is < 0 or > 1)
                throw new ArgumentException($"The probability at position {i} is {probabilities[i]}: it must lie between 0 and 1.", nameof(probabilities));
        }
        return events;
    }

    internal static void RequireBothClasses(int events, int n, string parameter)
    {
        if (events == 0) throw new ArgumentException("There are no events: at least one event and one non-event are needed.", parameter);
        if (events == n) throw new ArgumentException("Every patient has the outcome: at least one event and one non-event are needed.", parameter);
    }

    /// <summary>Positions sorted by value, ties by position: a total order, so the result never depends on the sort algorithm.</summary>
    private static int[] StableOrder(double[] values, bool descending)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var sign = descending ? -1 : 1;
        Array.Sort(order, (a, b) =>
        {
            var byValue = sign * values[a].CompareTo(values[b]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        });
        return order;
    }
}

/// <summary>
/// A logistic recalibration of predictions: <see cref="Slope"/> b and <see cref="Intercept"/> a in
/// logit(P(y)) = a + b·logit(p), and <see cref="InTheLarge"/>, the intercept when b is fixed at 1.
/// </summary>
public sealed record CalibrationFit(double Slope, double Intercept, double InTheLarge);

/// <summary>One bin of a calibration table: patients, events, mean predicted probability and observed event rate.</summary>
public sealed record CalibrationBin(int Bin, int Count, int Events, double MeanPredicted, double ObservedRate);

/// <summary>The top <see cref="Share"/> of patients by score: how many are flagged, how many of them have the outcome, PPV and sensitivity.</summary>
public sealed record TopShare(double Share, int Flagged, int EventsFlagged, double Ppv, double Sensitivity);

/// <summary>A named ROC curve for plotting: false positive rate against true positive rate, with its AUROC.</summary>
public sealed record RocCurve(string Name, double Auroc, double[] FalsePositiveRate, double[] TruePositiveRate);
