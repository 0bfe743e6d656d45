using System.Globalization;
using System.Text;

namespace Phm.Ml.Evaluation;

/// <summary>
/// A model version's <c>MODEL_CARD.md</c>, rendered from the same <see cref="ModelMetrics"/> as its <c>metrics.json</c>:
/// what it is for and not for, what it was trained on, how it did against its baselines and the oracle, how it is
/// calibrated, what a team of a given capacity would find with it, how it does for each group, and its limits.
/// </summary>
public static class ModelCard
{
    public const string FileName = "MODEL_CARD.md";

    public static string Render(ModelMetrics metrics)
    {
        var card = new StringBuilder();
        var report = metrics.Report;
        var oracle = metrics.Oracle;
        var kept = metrics.Comparison[metrics.Learner];

        Line(card, $"# {metrics.Model} {metrics.Version}");
        Line(card);
        Line(card, $"Predicts **{metrics.Outcome}** for each patient alive at the index date. Learner: {metrics.Learner}. "
            + $"Out-of-time AUROC {Auroc(report.Auroc)}" + (kept.AurocShareOfOracle is { } share ? $", **{Percent(share)} of the oracle's**." : "."));
        Line(card);

        Line(card, "## Intended use");
        Line(card);
        Line(card, "For a primary care network (PCN) team finding patients for proactive care: a ranked list to review, sized to the");
        Line(card, "team's capacity (see *Capacity*), alongside what the team already knows. Not for decisions about an individual's care");
        Line(card, "on its own: a score is a prompt to look, never a diagnosis, a prognosis told to a patient, or a reason to withhold care.");
        Line(card);

        Line(card, "## Data");
        Line(card);
        Line(card, "Trained and evaluated on the hub's **generated** Southampton-like population, not on real patients. Generated data");
        Line(card, "flatter a model: the generator's rules are simpler and more regular than real lives and real records, so raw AUROC");
        Line(card, "runs high. The generator knows each patient's true probability (the *oracle*), so the headline figure is the model's");
        Line(card, "**share of the oracle's AUROC**, with its Brier score relative to the oracle's, not the raw AUROC.");
        Line(card);
        Line(card, "| | index date | patients | events | event rate |");
        Line(card, "| --- | --- | ---: | ---: | ---: |");
        Line(card, $"| training | {Date(metrics.TrainedOn)} | {Count(metrics.Training.Patients)} | {Count(metrics.Training.Events)} | {Rate(metrics.Training)} |");
        Line(card, $"| evaluation (out of time) | {Date(metrics.EvaluatedOn)} | {Count(metrics.Evaluation.Patients)} | {Count(metrics.Evaluation.Events)} | {Rate(metrics.Evaluation)} |");
        Line(card);
        Line(card, "Every feature is computed as of the index date, from nothing after it; the outcome is counted in the following year.");
        Line(card, "The evaluation population is a later index date than training, so the figures below are out of time.");
        Line(card);

        Line(card, "## Outcome");
        Line(card);
        Line(card, metrics.OutcomeDefinition);
        Line(card);

        Line(card, "## Features");
        Line(card);
        Line(card, "Age, sex, ethnic group, the neighbourhood's deprivation (IMD score, domain deciles, national and local quintile),");
        Line(card, "condition registers and their count, each kind of activity and urgent and planned care contacts a year over the");
        Line(card, "store's history, recent activity by kind, urgent and planned care contacts pooled over 24 months, bed days, days");
        Line(card, "since the last emergency admission and care flags. The exact list, in order, is [features.json](features.json); a");
        Line(card, "model is only ever scored with the features it was trained on.");
        Line(card);

        Line(card, "## Learner and baselines");
        Line(card);
        Line(card, $"Kept: **{metrics.Learner}**. {metrics.LearnerReason}");
        Line(card);
        Line(card, "| candidate | AUROC (95% CI) | AUPRC (95% CI) | Brier | calibration slope | share of oracle AUROC | Brier / oracle's |");
        Line(card, "| --- | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var c in metrics.Comparison.Candidates)
        {
            Line(card, $"| {c.Name} | {Auroc(c.Auroc)} | {Auroc(c.Auprc)} | {Optional(c.Brier, "0.0000")} | {Optional(c.CalibrationSlope, "0.00")} "
                + $"| {(c.AurocShareOfOracle is { } s ? Percent(s) : "-")} | {Optional(c.BrierRelativeToOracle, "0.000")} |");
        }
        Line(card);
        Line(card, $"AUROC of {metrics.Comparison.Focus} minus each other candidate's, with a paired bootstrap 95% interval "
            + $"({Count(metrics.Settings.Replicates)} replicates, seed {Number(metrics.Settings.Seed, "0")}):");
        Line(card);
        Line(card, "| against | difference (95% CI) | whole interval above 0 |");
        Line(card, "| --- | --- | --- |");
        foreach (var d in metrics.Comparison.Differences)
            Line(card, $"| {d.Against} | {Number(d.Difference, "+0.000;-0.000;0.000")} ({Number(d.Lower, "+0.000;-0.000;0.000")} to {Number(d.Upper, "+0.000;-0.000;0.000")}) | {(d.LowerAboveZero ? "yes" : "no")} |");
        Line(card);
        Line(card, oracle is null
            ? "No oracle was available for this population."
            : $"The oracle (the generator's true probability) has AUROC {Auroc(oracle.Auroc)} and Brier score {Optional(oracle.Brier, "0.0000")}: "
              + "the ceiling for any model on this population.");
        Line(card);
        Line(card, $"![ROC curves]({EvaluationPlots.RocFileName})");
        Line(card);

        Line(card, "## Calibration");
        Line(card);
        Line(card, $"Brier score {Number(report.Brier, "0.0000")}. Calibration slope {Number(report.Calibration.Slope, "0.00")} (1 is ideal; below 1, "
            + $"predictions too extreme), intercept {Number(report.Calibration.Intercept, "0.00")}, calibration-in-the-large "
            + $"{Number(report.Calibration.InTheLarge, "0.00")} (0 is ideal; above 0, risk under-predicted overall).");
        Line(card);
        Line(card, "| bin | patients | events | mean predicted | observed |");
        Line(card, "| ---: | ---: | ---: | ---: | ---: |");
        foreach (var bin in report.CalibrationTable)
            Line(card, $"| {bin.Bin} | {Count(bin.Count)} | {Count(bin.Events)} | {Percent(bin.MeanPredicted)} | {Percent(bin.ObservedRate)} |");
        Line(card);
        Line(card, $"![Calibration]({EvaluationPlots.CalibrationFileName})");
        Line(card);

        Line(card, "## Capacity");
        Line(card);
        Line(card, "What a team that can review the top share of patients would find (ties at the cut broken by a fixed order):");
        Line(card);
        Line(card, "| top | patients flagged | with the outcome | PPV | sensitivity |");
        Line(card, "| ---: | ---: | ---: | ---: | ---: |");
        foreach (var top in report.Capacity)
            Line(card, $"| {Share(top.Share)} | {Count(top.Flagged)} | {Count(top.EventsFlagged)} | {Percent(top.Ppv)} | {Percent(top.Sensitivity)} |");
        Line(card);

        Line(card, "## Fairness");
        Line(card);
        Line(card, "How the model ranks and how well it is calibrated within each group. Observed / expected is the group's events over");
        Line(card, "the sum of its predicted probabilities: above 1, the model under-predicts that group's risk and would under-select it.");
        Line(card, $"AUROC and calibration are left out for a group with fewer than {metrics.Settings.MinimumSubgroupEvents} events or non-events.");
        foreach (var table in report.Subgroups)
        {
            Line(card);
            Line(card, $"### By {table.Name}");
            Line(card);
            Line(card, "| group | patients | events | AUROC | Brier | calibration slope | intercept | observed / expected |");
            Line(card, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var g in table.Groups)
            {
                Line(card, $"| {g.Group} | {Count(g.Patients)} | {Count(g.Events)} | {Optional(g.Auroc, "0.000")} | {Number(g.Brier, "0.0000")} "
                    + $"| {Optional(g.CalibrationSlope, "0.00")} | {Optional(g.CalibrationIntercept, "0.00")} | {Optional(g.ObservedToExpected, "0.00")} |");
            }
        }
        Line(card);

        Line(card, "## Limitations");
        Line(card);
        Line(card, "- Trained on generated data: the figures describe the generator, not Southampton's patients. Before any real use the");
        Line(card, "  model must be retrained and re-evaluated on real, governed data, and its calibration checked locally.");
        Line(card, "- It sees only the features listed: no prescriptions or procedures, no free text, no social care records.");
        Line(card, "- It predicts risk, not impactability: a high score does not mean proactive care would help.");
        Line(card, "- Groups with few events have wide uncertainty; a group's figures are not shown below the threshold above.");
        Line(card, "- Scores age: they hold at the reference date they were computed for, and drift as care and coding change.");
        Line(card);

        Line(card, "## How to retrain");
        Line(card);
        Line(card, "`phm train` trains each configured outcome with fixed seeds (the same data gives the same metrics), evaluates it out");
        Line(card, "of time and writes `model.zip`, `features.json`, `metrics.json`, this card and the plots to a new version folder under");
        Line(card, "`ml-models/`. Read `metrics.json` for every figure here at full precision.");
        return card.ToString();
    }

    private static void Line(StringBuilder card, string text = "") => card.Append(text).Append('\n');

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Optional(double? value, string format) => value is { } v ? Number(v, format) : "-";

    private static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>One decimal, two below 1%: 14.3%, 0.42%.</summary>
    private static string Percent(double value) => Number(value * 100, value < 0.01 ? "0.00" : "0.0") + "%";

    /// <summary>A capacity share as configured: 0.5%, 1%, 5%.</summary>
    private static string Share(double value) => Number(value * 100, "0.###") + "%";

    private static string Rate(PopulationSummary population) => Percent((double)population.Events / population.Patients);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Auroc(Interval interval) =>
        $"{Number(interval.Value, "0.000")} ({Number(interval.Lower, "0.000")}-{Number(interval.Upper, "0.000")})";
}
