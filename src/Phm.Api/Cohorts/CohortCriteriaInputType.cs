using GraphQL.Types;
using Phm.Api.Impactability;
using Phm.Api.Patients;
using Phm.Api.Risk;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

/// <summary>
/// The cohort criteria language as a GraphQL input: a oneOf tree mirroring <see cref="CohortCriteria"/>, with the same
/// names as its stored JSON (<see cref="CohortCriteriaJson"/>).
/// </summary>
public sealed class CohortCriteriaInputType : InputObjectGraphType<CohortCriteria>
{
    public CohortCriteriaInputType()
    {
        Name = "CohortCriteria";
        Description = "Who belongs to a cohort: set exactly one field. Combine criteria with all (every one holds), any (at least one holds) "
            + "and not (it does not hold), nesting them as deep as needed (up to 8 levels and 50 predicates). Everything is judged at "
            + "the store's reference date, and windows of activity reach back from it. Example: high intensity users with heart failure: "
            + "{ all: [{ register: { register: HEART_FAILURE } }, { activity: { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 5 } } }] }.";
        IsOneOf = true;
        Field<ListGraphType<NonNullGraphType<CohortCriteriaInputType>>>("all").Description("Every one of these criteria holds (at least one criterion).");
        Field<ListGraphType<NonNullGraphType<CohortCriteriaInputType>>>("any").Description("At least one of these criteria holds (at least one criterion).");
        Field<CohortCriteriaInputType>("not").Description("This criterion does not hold, e.g. not on the end-of-life register.");
        Field<NumberRangeInputType>("age").Description("Age in whole years at the reference date, e.g. { atLeast: 65 }.");
        Field<SexType>("sex").Description("Sex recorded at the practice.");
        Field<ListGraphType<NonNullGraphType<EthnicGroupType>>>("ethnicGroups").Description("Any of these ethnic groups.");
        Field<StringGraphType>("pcn").Description("ODS code of a PCN: patients registered at its member practices at the reference date.");
        Field<StringGraphType>("practice").Description("ODS code of the practice the patient is registered at.");
        Field<StringGraphType>("lsoa").Description("ONS code of the LSOA the patient lives in.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("nationalQuintiles")
            .Description("Any of these national IMD 2019 quintiles of the patient's LSOA, 1 (most deprived) to 5.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("localQuintiles")
            .Description("Any of these local IMD 2019 quintiles (within the local authority), 1 (most deprived) to 5; patients living outside the local authority have none.");
        Field<RegisterCriterionInputType>("register").Description("On a condition register, optionally diagnosed within a window.");
        Field<NumberRangeInputType>("registerCount").Description("How many condition registers the patient is on, e.g. { atLeast: 3 } for multimorbidity.");
        Field<ActivityCriterionInputType>("activity").Description("A number of contacts of one kind within a window, e.g. 5 or more A&E attendances in the last 12 months.");
        Field<BedDaysCriterionInputType>("bedDays").Description("Nights in hospital (emergency and elective admissions) admitted within a window.");
        Field<NumberRangeInputType>("daysSinceLastEmergencyAdmission")
            .Description("Days from the patient's last emergency admission to the reference date, e.g. { atMost: 90 } for a recent discharge. Patients never admitted as an emergency do not meet it.");
        Field<CareFlagCriterionInputType>("careFlag").Description("A care flag recorded by the reference date (or, with present: false, not recorded).");
        Field<RiskCriterionInputType>("risk").Description("The patient's score from a risk model (see riskModels): its tier or percentile.");
        Field<ImpactabilitySignalType>("impactability")
            .Description("An impactability signal that holds for the patient (see Patient.impactability and the README's Impactability).");
        Field<BooleanGraphType>("alive").Description("True for patients alive at the reference date, false for those who had died by then.");
    }
}

public sealed class NumberRangeInputType : InputObjectGraphType<NumberRange>
{
    public NumberRangeInputType()
    {
        Name = "NumberRange";
        Description = "Whole numbers from atLeast to atMost, both included; give one end or both.";
        Field(r => r.AtLeast, nullable: true).Description("The smallest value included.");
        Field(r => r.AtMost, nullable: true).Description("The largest value included.");
    }
}

public sealed class CriteriaWindowInputType : InputObjectGraphType<CriteriaWindow>
{
    public CriteriaWindowInputType()
    {
        Name = "CriteriaWindow";
        Description = "A span of dates: either lastMonths (up to and including the reference date), or from and/or to (both included; "
            + "an open start reaches back to the first records, and no window runs past the reference date).";
        Field(w => w.LastMonths, nullable: true).Description("The last this many months, e.g. 12.");
        Field<DateOnlyGraphType>("from").Description("The first day included.");
        Field<DateOnlyGraphType>("to").Description("The last day included.");
    }
}

public sealed class RegisterCriterionInputType : InputObjectGraphType<RegisterCriterion>
{
    public RegisterCriterionInputType()
    {
        Name = "RegisterCriterion";
        Description = "On a condition register at the reference date: old enough for it (QOF register ages), with a diagnosis recorded and not resolved since.";
        Field<NonNullGraphType<ConditionRegisterType>>("register").Description("The register.");
        Field<CriteriaWindowInputType>("onset").Description("Only patients with a diagnosis on this register recorded within this window, e.g. newly diagnosed in the last 12 months.");
    }
}

public sealed class ActivityCriterionInputType : InputObjectGraphType<ActivityCriterion>
{
    public ActivityCriterionInputType()
    {
        Name = "ActivityCriterion";
        Description = "A number of contacts of one kind within a window, e.g. { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 5 } }.";
        Field<NonNullGraphType<ActivityKindType>>("kind").Description("The kind of contact.");
        Field<NonNullGraphType<CriteriaWindowInputType>>("window").Description("When the contacts happened.");
        Field<NonNullGraphType<NumberRangeInputType>>("count").Description("How many contacts; { atMost: 0 } for none.");
    }
}

public sealed class BedDaysCriterionInputType : InputObjectGraphType<BedDaysCriterion>
{
    public BedDaysCriterionInputType()
    {
        Name = "BedDaysCriterion";
        Description = "Nights in hospital: the lengths of stay of emergency and elective admissions admitted within a window, added up.";
        Field<NonNullGraphType<CriteriaWindowInputType>>("window").Description("When the admissions began.");
        Field<NonNullGraphType<NumberRangeInputType>>("days").Description("How many bed days in all.");
    }
}

public sealed class CareFlagCriterionInputType : InputObjectGraphType<CareFlagCriterion>
{
    public CareFlagCriterionInputType()
    {
        Name = "CareFlagCriterion";
        Description = "A care flag recorded on or before the reference date, or its absence.";
        Field<NonNullGraphType<CareFlagKindType>>("kind").Description("The care flag.");
        Field<BooleanGraphType>("present").DefaultValue(true)
            .Description("True (the default) for patients with the flag recorded, false for those without it, e.g. no care plan.");
    }
}

public sealed class RiskCriterionInputType : InputObjectGraphType<RiskCriterion>
{
    public RiskCriterionInputType()
    {
        Name = "RiskCriterion";
        Description = "Patients by their score from one risk model; patients the model has not scored (those who died before the reference date) never match. "
            + "With neither tiers nor percentiles, every scored patient matches.";
        Field(r => r.Model).Description("Name of the risk model, e.g. emergency-admission-12m (see riskModels).");
        Field<ListGraphType<NonNullGraphType<RiskTierType>>>("tiers").Description("Only patients in one of these tiers.");
        Field(r => r.MinPercentile, nullable: true)
            .Description("Only patients at or above this percentile, 0 to 100 (100 is the highest risk in the scored population; 99.5 is the top 0.5%).");
        Field(r => r.MaxPercentile, nullable: true).Description("Only patients at or below this percentile, 0 to 100.");
    }
}
