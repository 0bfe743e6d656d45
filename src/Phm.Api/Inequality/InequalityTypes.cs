using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Patients;
using Phm.Data.Inequality;
using Phm.Data.Patients;

namespace Phm.Api.Inequality;

/// <summary>
/// The measure of an inequality analysis: exactly one member (a OneOf input). A new kind of measure is a new member here,
/// parsed into its <see cref="InequalityMeasure"/> in <see cref="ParseDictionary"/>.
/// </summary>
public sealed class InequalityMeasureInputType : InputObjectGraphType<InequalityMeasure>
{
    public InequalityMeasureInputType()
    {
        Name = "InequalityMeasure";
        Description = "What to compare across the deprivation quintiles: exactly one of the members.";
        IsOneOf = true;
        Field<ConditionRegisterType>("registerPrevalence")
            .Description("The percentage of the patients alive at the reference date who are on this register then (QOF register ages and resolutions applied).");
        Field<ActivityMeasureInputType>("activity")
            .Description("Activity of one kind in the last months up to the reference date (included, as cohort criteria count it), of the patients alive at the reference date.");
        Field<MortalityMeasureInputType>("mortality")
            .Description("Deaths in the months before the reference date per 100,000 patients alive at their start.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => value.Single(member => member.Value is not null) switch
    {
        { Key: "registerPrevalence", Value: ConditionRegister register } => new RegisterPrevalenceMeasure(register),
        { Value: InequalityMeasure measure } => measure,
        var member => throw new InvalidOperationException($"The measure member '{member.Key}' has no parser."),
    };
}

public sealed class ActivityMeasureInputType : InputObjectGraphType<ActivityMeasure>
{
    public ActivityMeasureInputType()
    {
        Name = "ActivityMeasure";
        Description = "Activity of one kind in the last months up to and including the reference date, as a cohort criterion's window { lastMonths } counts it.";
        Field<NonNullGraphType<ActivityKindType>>("kind").Description("The kind of activity.");
        Field<NonNullGraphType<IntGraphType>>("months").Description($"The window's length, 1 to {ActivityMeasure.LongestWindowMonths} months.").DefaultValue(12);
        Field<NonNullGraphType<ActivityCountingType>>("count")
            .Description("EVENTS: events per 1,000 patients (a rate); PEOPLE: the percentage of patients with at least one (a proportion).")
            .DefaultValue(ActivityCounting.Events);
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        new ActivityMeasure((ActivityKind)value["kind"]!, (int)value["months"]!, (ActivityCounting)value["count"]!);
}

public sealed class MortalityMeasureInputType : InputObjectGraphType<MortalityMeasure>
{
    public MortalityMeasureInputType()
    {
        Name = "MortalityMeasure";
        Description = "Deaths by the reference date of the patients alive at the start of the window; ages are taken at its start.";
        Field<NonNullGraphType<IntGraphType>>("months")
            .Description($"The window's length, 1 to {MortalityMeasure.LongestWindowMonths} months.").DefaultValue(MortalityMeasure.DefaultMonths);
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new MortalityMeasure((int)value["months"]!);
}

public sealed class ActivityCountingType : EnumerationGraphType<ActivityCounting>
{
    public ActivityCountingType()
    {
        Name = "ActivityCounting";
        Description = "What an activity measure counts: every event, or the people with at least one.";
    }
}

public sealed class DeprivationScaleType : EnumerationGraphType<DeprivationScale>
{
    public DeprivationScaleType()
    {
        Name = "DeprivationScale";
        Description = "NATIONAL: the IMD 2019 quintiles of England; LOCAL: quintiles within the local authority (patients living outside it are left out).";
    }
}

public sealed class RateKindType : EnumerationGraphType<RateKind>
{
    public RateKindType()
    {
        Name = "RateKind";
        Description = "PROPORTION: a share of the population (Wilson score limits); RATE: events in it (exact Poisson limits below 10 events, Byar's from 10).";
    }
}

public sealed class EstimateType : ObjectGraphType<Estimate>
{
    public EstimateType()
    {
        Name = "Estimate";
        Description = "A statistic with its 95% confidence interval.";
        Field(e => e.Value).Description("The estimate.");
        Field(e => e.Lower).Description("Lower limit of the 95% confidence interval.");
        Field(e => e.Upper).Description("Upper limit of the 95% confidence interval.");
    }
}

public sealed class InequalityGroupType : ObjectGraphType<InequalityGroup>
{
    public InequalityGroupType()
    {
        Name = "InequalityGroup";
        Description = "The measure in one quintile, or in all five together.";
        Field(g => g.Quintile, nullable: true).Description("The quintile, 1 (most deprived) to 5; null for all five together.");
        this.AddRateFields(g => g.Numerator, g => g.Denominator, g => g.CrudeRate);
        Field<EstimateType>("standardisedRate")
            .Description("Directly age-standardised to the European Standard Population 2013 (19 five-year bands; Dobson's method with Byar's limits), "
                + "to 2 decimal places; null below 10 events. For analysts from the age bands' counts perturbed by their cell keys, null where the numerator is suppressed.")
            .Resolve(context => context.Source.StandardisedRate);
    }
}

public sealed class InequalityGradientType : ObjectGraphType<InequalityGradient>
{
    public InequalityGradientType()
    {
        Name = "InequalityGradient";
        Description = "How the rate changes from the most deprived quintile (1) to the least (5); each figure null where a rate it needs is null.";
        Field(g => g.RateRatio, nullable: true).Description("Quintile 1's rate over quintile 5's, to 4 decimal places.");
        Field(g => g.AbsoluteGap, nullable: true).Description("Quintile 1's rate minus quintile 5's.");
        Field<EstimateType>("slopeIndex")
            .Description("Slope index of inequality (PHEindicatormethods' phe_sii): the fitted rate at the least deprived end minus that at the most deprived "
                + $"(negative when the rate falls with deprivation), with a 95% interval from {SlopeIndex.Draws:N0} simulations of fixed seed.")
            .Resolve(context => context.Source.SlopeIndex);
        Field<EstimateType>("relativeIndex")
            .Description("Relative index of inequality: the fitted rate at the least deprived end over that at the most deprived, to 4 decimal places, with its simulated 95% interval.")
            .Resolve(context => context.Source.RelativeIndex);
    }
}

public sealed class InequalityType : ObjectGraphType<InequalityResult>
{
    public InequalityType()
    {
        Name = "Inequality";
        Description = "A measure by deprivation quintile, with the methods OHID publishes (PHEindicatormethods v2.1.0).";
        Field(i => i.Measure).Description("The measure in words.");
        Field<NonNullGraphType<DeprivationScaleType>>("quintiles").Description("National or local quintiles.").Resolve(context => context.Source.Quintiles);
        Field(i => i.Pcn, nullable: true).Description("The PCN the analysis is limited to, if any.");
        Field<NonNullGraphType<RateKindType>>("rateKind").Description("Whether the rates are proportions or rates of events.").Resolve(context => context.Source.RateKind);
        Field(i => i.Per).Description("What the rates are per: 100 (a percentage), 1,000 or 100,000.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InequalityGroupType>>>>("groups")
            .Description("Quintiles 1 (most deprived) to 5.").Resolve(context => context.Source.Groups);
        Field<NonNullGraphType<InequalityGroupType>>("overall").Description("All five quintiles together.").Resolve(context => context.Source.Overall);
        Field<NonNullGraphType<InequalityGradientType>>("crude").Description("The gradient of the crude rates.").Resolve(context => context.Source.Crude);
        Field<NonNullGraphType<InequalityGradientType>>("standardised").Description("The gradient of the age-standardised rates.").Resolve(context => context.Source.Standardised);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InequalityLsoaType>>>>("byLsoa")
            .Description("The measure in each LSOA of the local authority (for a map), by code, zeros included; patients living elsewhere are left out. "
                + "The LSOAs' numerators with their total, and their denominators with theirs, are one table under disclosure control, apart from the quintiles.")
            .Resolve(context => context.Source.ByLsoa);
    }
}

public sealed class InequalityLsoaType : ObjectGraphType<InequalityLsoa>
{
    public InequalityLsoaType()
    {
        Name = "InequalityLsoa";
        Description = "The measure in one LSOA.";
        Field(l => l.Code).Description("The LSOA's ONS code.");
        this.AddRateFields(l => l.Numerator, l => l.Denominator, l => l.CrudeRate);
    }
}

/// <summary>The counts and crude rate every group of an inequality analysis (a quintile, an LSOA) shows.</summary>
internal static class InequalityRateFields
{
    public static void AddRateFields<T>(this ObjectGraphType<T> type, Func<T, ShownCount> numerator, Func<T, ShownCount> denominator, Func<T, Estimate?> crudeRate)
    {
        type.Field<IntGraphType>("numerator").Description("Patients (or events) counted. " + DisclosureDescriptions.Rule).Resolve(context => numerator(context.Source).Count);
        type.Field<SuppressionReasonType>("numeratorSuppression").Description(DisclosureDescriptions.Suppression).Resolve(context => numerator(context.Source).Suppression);
        type.Field<IntGraphType>("denominator").Description("Patients in the population. " + DisclosureDescriptions.Rule).Resolve(context => denominator(context.Source).Count);
        type.Field<SuppressionReasonType>("denominatorSuppression").Description(DisclosureDescriptions.Suppression).Resolve(context => denominator(context.Source).Suppression);
        type.Field<EstimateType>("crudeRate")
            .Description("numerator / denominator × per, to 2 decimal places; for analysts from the shown counts, null when either is null.")
            .Resolve(context => crudeRate(context.Source));
    }
}
