using Phm.Data.Population;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Outcomes;

namespace Phm.Ml.Training;

/// <summary>
/// One index date's features and outcomes, and the generator's true probabilities when every patient has them (a
/// generated store; none when it holds ingested patients), all in the matrix's row order.
/// </summary>
public sealed record LabelledMatrix(FeatureMatrix Matrix, IReadOnlyDictionary<int, bool> Labels, bool[] Outcomes, double[]? TrueProbabilities)
{
    public DateOnly IndexDate => Matrix.IndexDate;

    public static async Task<LabelledMatrix> ReadAsync(
        Func<PhmDbContext> createContext, GeneratedOutcome outcome, DateOnly indexDate, CancellationToken cancellationToken)
    {
        var matrix = await new FeatureReader(createContext).ReadMatrixAsync(indexDate, cancellationToken);
        await using var db = createContext();
        var labels = await OutcomeLabels.ReadAsync(db, outcome, indexDate, cancellationToken);
        var truth = await GeneratedTruth.ProbabilitiesAsync(db, outcome, indexDate, cancellationToken);
        var outcomes = matrix.Rows.Select(row => labels.TryGetValue(row.PatientId, out var happened)
            ? happened
            : throw new InvalidOperationException($"No outcome for a patient with features on {indexDate:yyyy-MM-dd}: the feature and label populations differ.")).ToArray();
        var trueProbabilities = matrix.Rows.All(row => truth.ContainsKey(row.PatientId))
            ? matrix.Rows.Select(row => truth[row.PatientId]).ToArray()
            : null;
        return new LabelledMatrix(matrix, labels, outcomes, trueProbabilities);
    }
}

/// <summary>
/// The dates of a training run, from the store's reference date: train at two years before it (outcomes in the year
/// after, which the store holds), evaluate out of time one year later, on outcomes in the year up to the reference date.
/// </summary>
public sealed record TrainingDates(DateOnly TrainOn, DateOnly EvaluateOn)
{
    public static TrainingDates Before(DateOnly referenceDate) => new(referenceDate.AddYears(-2), referenceDate.AddYears(-1));
}
