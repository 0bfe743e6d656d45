using GraphQL.Types;
using Phm.Data.Risk;
using Phm.Ml.Scoring;

namespace Phm.Api.Risk;

public sealed class PatientRiskType : ObjectGraphType<RiskScore>
{
    public PatientRiskType()
    {
        Name = "PatientRisk";
        Description = "A patient's score from one risk model as of the store's reference date: the probability of the model's outcome in the following year, where it places the patient in the scored population, and why.";
        Field(s => s.Model).Description("The model's name.");
        Field<NonNullGraphType<StringGraphType>>("version").Description("The version of the model that made the score.").Resolve(context => context.Source.ModelVersion);
        Field(s => s.Probability).Description("The model's probability of its outcome in the 12 months after the reference date, 0 to 1.");
        Field(s => s.Percentile)
            .Description("Where the score places the patient in the scored population: 100 for the highest risk, 100 × (1 − (rank − 1) / patients scored).");
        Field<NonNullGraphType<RiskTierType>>("tier").Description("The capacity-based tier of the patient's rank.").Resolve(context => context.Source.Tier);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskContributionType>>>>("contributions")
            .Description("The largest contributions to the score, largest first, each with the patient's value in words.")
            .Resolve(context => ContributionsJson.Read(context.Source.Contributions));
    }
}

public sealed class RiskContributionType : ObjectGraphType<FeatureContribution>
{
    public RiskContributionType()
    {
        Name = "RiskContribution";
        Description = "How much one feature moved a patient's score.";
        Field(c => c.Feature).Description("The feature's name in the model's features.json, e.g. emergency_admissions_12m.");
        Field<NonNullGraphType<FloatGraphType>>("value")
            .Description("The patient's value of the feature as the model saw it: a count, age, rate a year, decile, category code, or 1 and 0 for has and has not.")
            .Resolve(context => context.Source.ShownValue);
        Field(c => c.Words).Description("The patient's value of the feature in words, e.g. \"3 emergency admissions in the last 12 months\".");
        Field(c => c.Contribution).Description("The feature's contribution to the score (positive raises the risk, negative lowers it), in the model's units.");
    }
}
