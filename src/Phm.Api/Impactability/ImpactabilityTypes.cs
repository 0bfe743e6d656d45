using GraphQL.Types;
using Phm.Data.Impactability;

namespace Phm.Api.Impactability;

public sealed class ImpactabilitySignalType : EnumerationGraphType<ImpactabilitySignal>
{
    public ImpactabilitySignalType()
    {
        Name = "ImpactabilitySignal";
        Description = "A documented reason to think a team can change what happens to a patient (README, \"Impactability\"): risk finds who will be admitted whatever a team does; these find whom it can help.";
        Describe(ImpactabilitySignal.AmbulatoryCareSensitiveAdmissions, "Emergency admissions for ambulatory care sensitive conditions in the last 12 months (1 or more by default).");
        Describe(ImpactabilitySignal.TopRiskWithoutCarePlan, "In the top tiers of the emergency-admission risk model (very high or high by default) with no care plan recorded.");
        Describe(ImpactabilitySignal.FrequentUrgentCareWithoutReview, "Frequent urgent care (3 or more A&E attendances and emergency admissions in 12 months by default) with a long-term condition and no review of it recorded in the 12 months.");
        Describe(ImpactabilitySignal.LastYearOfLifeWithoutEndOfLifeRegister, "Likely in the last year of life by the mortality model (very high or high tier by default), and not on the end-of-life register.");
    }

    private void Describe(ImpactabilitySignal signal, string description) => Values.FindByValue(signal)!.Description = description;
}

public sealed class ImpactabilityExplanationType : ObjectGraphType<ImpactabilityExplanation>
{
    public ImpactabilityExplanationType()
    {
        Name = "ImpactabilityExplanation";
        Description = "An impactability signal that holds for a patient at the store's reference date, and why.";
        Field<NonNullGraphType<ImpactabilitySignalType>>("signal").Description("The signal's code.").Resolve(context => context.Source.Signal);
        Field(e => e.Words).Description("Why it holds, with the patient's values, e.g. \"2 emergency admissions for ambulatory care sensitive conditions in the last 12 months (COPD, heart failure)\".");
    }
}
