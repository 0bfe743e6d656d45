using GraphQL;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Patients;
using Phm.Api.Risk;

namespace Phm.Api.Cohorts;

/// <summary>A cohort's characterisation: each field runs its own statement, only when asked.</summary>
public sealed class CohortCharacterisationType : ObjectGraphType<CohortCharacterisationSource>
{
    internal const string Percentage = "Percentage of the members, to one decimal place; for analysts worked out from the counts as shown, null when either is suppressed.";

    public CohortCharacterisationType()
    {
        Name = "CohortCharacterisation";
        Description = "Who the members of a cohort are, at the store's reference date: age and sex, deprivation, registers, risk tiers and use of services. "
            + "For analysts every count is perturbed by its cell key and rounded, and where parts add up to a total shown beside them (age band by sex, "
            + "each scale's quintiles, a model's tiers) a small part takes another with it (SECONDARY), so it cannot be worked out from the rest.";
        Field<IntGraphType>("members")
            .Description("The cohort's members, the same count as the evaluation's count. " + DisclosureDescriptions.Rule)
            .ResolveAsync(async context => (await context.Source.CountAsync(context.CancellationToken)).Shown);
        Field<SuppressionReasonType>("membersSuppression")
            .Description("Why members is null for an analyst: SMALL_COUNT; null when it is shown.")
            .ResolveAsync(async context => (await context.Source.CountAsync(context.CancellationToken)).Suppression);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgeBandSexShareType>>>, IReadOnlyList<AgeBandSexShare>>("ageBandsBySex")
            .Description("The members in each age band (at the reference date) by sex, every band and sex, zeros included.")
            .ResolveAsync(async context => await CohortCharacterisation.AgeBandsBySexAsync(context.Source, context.CancellationToken));
        Field<NonNullGraphType<CohortDeprivationType>, CohortDeprivation>("deprivation")
            .Description("The members by national and local IMD 2019 quintile of the LSOA they live in.")
            .ResolveAsync(async context => await CohortCharacterisation.DeprivationAsync(context.Source, context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegisterShareType>>>, IReadOnlyList<RegisterShare>>("topRegisters")
            .Description("The registers most members are on at the reference date, most first; registers no member is on are left out.")
            .Argument<NonNullGraphType<IntGraphType>>("first", arg =>
            {
                arg.Description = $"How many registers, 1 to {TopRegistersOutOfRangeError.Registers} (every register); {CohortCharacterisation.TopRegisters} if not given.";
                arg.DefaultValue = CohortCharacterisation.TopRegisters;
            })
            .ValidateArguments(context => TopRegistersOutOfRangeError.ThrowIfOutOfRange("first", context.GetArgument("first", CohortCharacterisation.TopRegisters)))
            .ResolveAsync(async context => await CohortCharacterisation.TopRegistersAsync(
                context.Source, context.GetArgument("first", CohortCharacterisation.TopRegisters), context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortRiskMixType>>>, IReadOnlyList<CohortRiskMix>>("riskTiers")
            .Description("For each risk model (by name), the members it scored and how they spread over its tiers.")
            .ResolveAsync(async context => await CohortCharacterisation.RiskTiersAsync(context.Source, context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityRateType>>>, IReadOnlyList<ActivityRate>>("activity")
            .Description($"The members' contacts of each kind in the last {CohortCharacterisation.ActivityMonths} months up to the reference date, per 1,000 members.")
            .ResolveAsync(async context => await CohortCharacterisation.ActivityRatesAsync(context.Source, context.CancellationToken));
    }
}

public sealed class AgeBandSexShareType : ObjectGraphType<AgeBandSexShare>
{
    public AgeBandSexShareType()
    {
        Name = "AgeBandSexShare";
        Description = "The members of a cohort in one age band and sex.";
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band at the reference date.").Resolve(context => context.Source.AgeBand);
        Field<NonNullGraphType<SexType>>("sex").Description("The sex.").Resolve(context => context.Source.Sex);
        this.AddDisclosedCount("patients", s => s.Patients, "Members in the band and sex.");
        Field(s => s.Percentage, nullable: true).Description(CohortCharacterisationType.Percentage);
    }
}

public sealed class CohortDeprivationType : ObjectGraphType<CohortDeprivation>
{
    public CohortDeprivationType()
    {
        Name = "CohortDeprivation";
        Description = "The members of a cohort by the deprivation of the LSOA they live in.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortQuintileShareType>>>>("byNationalQuintile")
            .Description("Members in each national IMD 2019 quintile, 1 (most deprived) to 5.")
            .Resolve(context => context.Source.ByNationalQuintile);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortQuintileShareType>>>>("byLocalQuintile")
            .Description("Members in each local IMD 2019 quintile, 1 (most deprived) to 5, then those living outside the local authority (quintile null).")
            .Resolve(context => context.Source.ByLocalQuintile);
    }
}

public sealed class CohortQuintileShareType : ObjectGraphType<CohortQuintileShare>
{
    public CohortQuintileShareType()
    {
        Name = "CohortQuintileShare";
        Description = "The members of a cohort living in one deprivation quintile.";
        Field(s => s.Quintile, nullable: true).Description("The quintile, 1 (most deprived) to 5; null for members living outside the local authority (local quintiles).");
        this.AddDisclosedCount("patients", s => s.Patients, "Members in the quintile.");
        Field(s => s.Percentage, nullable: true).Description(CohortCharacterisationType.Percentage);
    }
}

public sealed class RegisterShareType : ObjectGraphType<RegisterShare>
{
    public RegisterShareType()
    {
        Name = "RegisterShare";
        Description = "The members of a cohort on one register at the reference date.";
        Field<NonNullGraphType<ConditionRegisterType>>("register").Description("The register.").Resolve(context => context.Source.Register);
        this.AddDisclosedCount("patients", s => s.Patients, "Members on the register.");
        Field(s => s.Percentage, nullable: true).Description(CohortCharacterisationType.Percentage);
    }
}

public sealed class CohortRiskMixType : ObjectGraphType<CohortRiskMix>
{
    public CohortRiskMixType()
    {
        Name = "CohortRiskMix";
        Description = "The members of a cohort scored by one risk model, by tier.";
        Field(m => m.Model).Description("The model's name (see riskModels).");
        this.AddDisclosedCount("patients", m => m.Patients, "Members the model scored (those alive at the reference date).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortRiskTierShareType>>>>("tiers")
            .Description("The scored members in each tier, highest first.")
            .Resolve(context => context.Source.Tiers);
    }
}

public sealed class CohortRiskTierShareType : ObjectGraphType<CohortRiskTierShare>
{
    public CohortRiskTierShareType()
    {
        Name = "CohortRiskTierShare";
        Description = "The scored members of a cohort in one risk tier.";
        Field<NonNullGraphType<RiskTierType>>("tier").Description("The tier.").Resolve(context => context.Source.Tier);
        this.AddDisclosedCount("patients", s => s.Patients, "Scored members in the tier.");
        Field(s => s.Percentage, nullable: true)
            .Description("Percentage of the scored members, to one decimal place; for analysts worked out from the counts as shown, null when either is suppressed.");
    }
}

public sealed class ActivityRateType : ObjectGraphType<ActivityRate>
{
    public ActivityRateType()
    {
        Name = "CohortActivityRate";
        Description = "The contacts of one kind a cohort's members had in the last 12 months up to the reference date.";
        Field<NonNullGraphType<ActivityKindType>>("kind").Description("The kind of contact.").Resolve(context => context.Source.Kind);
        this.AddDisclosedCount("events", r => r.Events, "Contacts of this kind.");
        Field(r => r.RatePerThousandMembers, nullable: true)
            .Description("Contacts per 1,000 members, to one decimal place; for analysts worked out from the counts as shown, null when either is suppressed.");
    }
}
