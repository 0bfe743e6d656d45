using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Data.Risk;

namespace Phm.Api.Risk;

public sealed class RiskModelType : ObjectGraphType<ScoredModel>
{
    public RiskModelType()
    {
        Name = "RiskModel";
        Description = "A risk model whose scores the hub serves: what it predicts, when it was trained, and how it did out of time. "
            + "Its model card and full metrics are in ml-models/<name>/<version>/.";
        Field(m => m.Name).Description("The model's name, which Patient.risk, the risk filter and riskDistribution take, e.g. emergency-admission-12m.");
        Field(m => m.Version).Description("The version whose scores the hub holds (semantic version).");
        Field(m => m.Outcome).Description("What the model predicts, in words.");
        Field(m => m.Learner).Description("The learner kept after comparison with the baselines, e.g. LightGbm.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("trainedAt").Description("When the model was trained (UTC).").Resolve(context => context.Source.TrainedAtUtc);
        Field(m => m.TrainedOn).Description("The index date of the training data (outcomes in the year after it).");
        Field(m => m.EvaluatedOn).Description("The later index date of the out-of-time evaluation.");
        Field(m => m.ScoredOn).Description("The index date of the scores: the store's reference date when they were made.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("scoredAt").Description("When the scores were made (UTC).").Resolve(context => context.Source.ScoredAtUtc);
        Field<IntGraphType>("patientsScored")
            .Description("Patients scored: those alive at the scoring date. " + DisclosureDescriptions.WholeStoreTotal)
            .Resolve(context => Disclosure.Count(context.Source.PatientsScored, Disclosure.For(context.User)));
        Field<NonNullGraphType<RiskModelMetricsType>>("metrics").Description("The headline out-of-time evaluation.").Resolve(context => context.Source);
    }
}

public sealed class RiskModelMetricsType : ObjectGraphType<ScoredModel>
{
    public RiskModelMetricsType()
    {
        Name = "RiskModelMetrics";
        Description = "A model's out-of-time evaluation at its evaluation index date, beside the oracle's: on the generated population the true "
            + "probabilities are known, and a model's share of the oracle's AUROC says more than its raw AUROC, which synthetic data can inflate.";
        Field(m => m.Auroc).Description("Area under the ROC curve.");
        Field(m => m.AurocLower).Description("Lower bound of the AUROC's 95% bootstrap confidence interval.");
        Field(m => m.AurocUpper).Description("Upper bound of the AUROC's 95% bootstrap confidence interval.");
        Field(m => m.Auprc).Description("Area under the precision-recall curve.");
        Field(m => m.Brier).Description("Brier score: mean squared difference between probability and outcome (lower is better).");
        Field(m => m.CalibrationSlope).Description("Calibration slope (1 is ideal; below 1 the predictions are too extreme).");
        Field(m => m.CalibrationIntercept).Description("Calibration intercept, calibration-in-the-large (0 is ideal).");
        Field(m => m.OracleAuroc, nullable: true).Description("The AUROC of the generator's true probabilities on the same evaluation; null for a store without generated truth.");
        Field(m => m.OracleBrier, nullable: true).Description("The Brier score of the generator's true probabilities; null for a store without generated truth.");
        Field<FloatGraphType>("shareOfOracleAuroc")
            .Description("The model's AUROC as a share of the oracle's (auroc / oracleAuroc): the headline figure; null without an oracle.")
            .Resolve(context => context.Source.OracleAuroc is { } oracle and > 0 ? context.Source.Auroc / oracle : null);
    }
}
