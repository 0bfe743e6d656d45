using System.Globalization;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Outcomes;
using Phm.Ml.Scoring;

namespace Phm.Ml.Training;

/// <summary>What a version folder was written with, and a line for the console.</summary>
public sealed record WrittenModel(string Directory, string Learner, string Summary);

/// <summary>
/// A model version's folder, <c>ml-models/&lt;name&gt;/&lt;version&gt;/</c>: <c>model.zip</c>, <c>features.json</c>, and the
/// evaluation on the later date. Written into a sibling folder first and moved into place, so a failed run leaves the
/// previous version as it was.
/// </summary>
public static class ModelFolder
{
    public static async Task<WrittenModel> WriteAsync(TrainingRun run, string modelsDirectory, CancellationToken cancellationToken)
    {
        var chosen = run.GradientBoosted; // TODO(eval merge): chosen by the paired bootstrap
        var directory = Path.Combine(modelsDirectory, run.Definition.RelativeDirectory);
        var writing = directory + ".writing";
        if (Directory.Exists(writing))
            Directory.Delete(writing, recursive: true);
        Directory.CreateDirectory(writing);

        var ml = Candidates.NewContext();
        var inputSchema = ModelInput.ToDataView(ml, new FeatureMatrix(run.Training.Matrix.Schema, run.Dates.TrainOn, [])).Schema;
        ml.Model.Save(chosen.Model, inputSchema, Path.Combine(writing, RiskModel.ModelFileName));
        await run.Training.Matrix.Schema.WriteAsync(Path.Combine(writing, FeatureSchema.FileName), cancellationToken);

        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.Move(writing, directory);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{run.Definition.Name} {run.Definition.Version}: LightGBM AUROC {Auroc(run.GradientBoosted.EvaluationProbabilities, run.Evaluation.Outcomes):F4}, "
            + $"logistic {Auroc(run.Logistic.EvaluationProbabilities, run.Evaluation.Outcomes):F4}, rule {Auroc(run.RuleScores, run.Evaluation.Outcomes):F4}, "
            + $"oracle {(run.Evaluation.TrueProbabilities is { } t ? Auroc(t, run.Evaluation.Outcomes) : double.NaN):F4}; "
            + $"Brier LightGBM {Brier(run.GradientBoosted.EvaluationProbabilities, run.Evaluation.Outcomes):F5} oracle {(run.Evaluation.TrueProbabilities is { } u ? Brier(u, run.Evaluation.Outcomes) : double.NaN):F5}; "
            + $"read {run.ReadTime.TotalSeconds:F1} s, LightGBM {run.GradientBoosted.FitTime.TotalSeconds:F1} s, logistic {run.Logistic.FitTime.TotalSeconds:F1} s, total {run.Elapsed.TotalSeconds:F1} s");
        return new WrittenModel(directory, chosen.Learner, summary);
    }

    public static Task<WrittenModel> ReevaluateAsync(ModelDefinition definition, Func<PhmDbContext> createContext, DateOnly referenceDate, string modelsDirectory,
        IProgress<string> progress, CancellationToken cancellationToken) => throw new NotImplementedException();

    private static double Brier(double[] p, bool[] y) => p.Zip(y).Average(t => Math.Pow(t.First - (t.Second ? 1 : 0), 2));

    private static double Auroc(double[] scores, bool[] outcomes)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
                j++;
            var rank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (outcomes[order[k]])
                {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        var negatives = scores.Length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
