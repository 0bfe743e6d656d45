using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Phm.Data.Patients;
using Phm.Ml.Features;
using Phm.Ml.Scoring;

namespace Phm.Ml.Training;

/// <summary>
/// The learners a model version is chosen from, each with fixed settings and seeds, so that training twice on the same
/// data gives the same model: a gradient boosted tree ensemble (LightGBM), a logistic regression, and a PARR-like rule.
/// </summary>
public static class Candidates
{
    public const string GradientBoosting = "LightGBM";
    public const string LogisticRegression = "Logistic regression";
    public const string PriorAdmissionsRule = "PARR-like rule";

    /// <summary>The seed of every random choice in training.</summary>
    public const int Seed = 20210101;

    /// <summary>
    /// One thread: the same trees on any machine (LightGBM's deterministic mode holds for a fixed thread count), and no
    /// OpenMP threads spinning against each other on a busy machine (two threads took 2.5 times as long on a loaded 2 cores).
    /// </summary>
    private const int Threads = 1;

    public static MLContext NewContext() => new(Seed);

    /// <summary>
    /// Gradient boosted trees on the features as they are (trees need no scaling, and split a category code as well as a
    /// one-hot column at this size). LightGBM's log loss objective and its sigmoid give calibrated probabilities.
    /// </summary>
    public static IEstimator<ITransformer> GradientBoosted(MLContext ml) =>
        ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(ModelInput.Label),
            FeatureColumnName = nameof(ModelInput.Features),
            NumberOfIterations = 100,
            LearningRate = 0.1,
            NumberOfLeaves = 15,
            MinimumExampleCountPerLeaf = 100,
            Seed = Seed,
            Deterministic = true,
            NumberOfThreads = Threads,
            Silent = true,
            Verbose = false,
            Booster = new GradientBooster.Options { L2Regularization = 1, FeatureFraction = 1, SubsampleFraction = 1 },
        });

    /// <summary>The linear baseline: numeric features scaled to unit variance (zeros stay zero), categories one-hot.</summary>
    public static IEstimator<ITransformer> Logistic(MLContext ml) =>
        ml.Transforms.NormalizeMeanVariance(nameof(ModelInput.Numeric))
            .Append(ml.Transforms.Categorical.OneHotEncoding(nameof(ModelInput.Categorical)))
            .Append(ml.Transforms.Concatenate(LinearFeatures, nameof(ModelInput.Numeric), nameof(ModelInput.Categorical)))
            .AppendCacheCheckpoint(ml)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(ModelInput.Label),
                FeatureColumnName = LinearFeatures,
                L1Regularization = 0,
                L2Regularization = 1,
                OptimizationTolerance = 1e-6f,
                MaximumNumberOfIterations = 200,
                NumberOfThreads = 1,
            }));

    private const string LinearFeatures = "LinearFeatures";

    /// <summary>
    /// The PARR-like rule: prior emergency admissions in 12 months, ties broken by the 24-month count. A ranking, not a
    /// probability: it is compared on discrimination only.
    /// </summary>
    public static double[] PriorAdmissionsScores(FeatureMatrix matrix)
    {
        var in12 = matrix.Schema.SlotOf(RiskFeatures.ActivityFeature(ActivityKind.EmergencyAdmission, 12));
        var in24 = matrix.Schema.SlotOf(RiskFeatures.ActivityFeature(ActivityKind.EmergencyAdmission, 24));
        // Counts in 24 months stay far below 1,000, so the tie-break never outweighs one admission in 12 months.
        return [.. matrix.Rows.Select(row => row.Features[in12] + row.Features[in24] / 1000.0)];
    }
}
