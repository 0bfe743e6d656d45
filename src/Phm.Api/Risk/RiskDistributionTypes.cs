using GraphQL.Types;
using Phm.Api.Deprivation;
using Phm.Api.Governance;

namespace Phm.Api.Risk;

public sealed class RiskGroupingType : EnumerationGraphType<RiskGrouping>
{
    public RiskGroupingType()
    {
        Name = "RiskGroupBy";
        Description = "What the scored patients of a risk distribution are grouped by: PCN (membership at the store's reference date), practice, "
            + "or the national or local IMD 2019 quintile of the LSOA they live in.";
    }
}

public sealed class RiskGroupType : ObjectGraphType<RiskGroup>
{
    public RiskGroupType()
    {
        Name = "RiskGroup";
        Description = "The patients of one group scored by a risk model: how many, their mean probability, and how they spread over the tiers.";
        Field<OdsOrganisationType>("organisation").Description("The PCN or practice; null when grouped by quintile.").Resolve(context => context.Source.Organisation);
        Field(g => g.Quintile, nullable: true)
            .Description("The quintile, 1 (most deprived) to 5; null when grouped by PCN or practice, and for the group of patients living outside the local authority (LOCAL_QUINTILE).");
        Field(g => g.Patients, nullable: true).Description("Patients of the group the model scored. " + DisclosureDescriptions.Rule);
        Field<SuppressionReasonType>("suppression").Description(DisclosureDescriptions.Suppression).Resolve(context => context.Source.Suppression);
        Field(g => g.MeanProbability, nullable: true).Description(RiskTierShareType.MeanProbability);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskTierShareType>>>>("tiers")
            .Description("The group's patients in each tier, highest first; the percentages add up to 100.")
            .Resolve(context => context.Source.Tiers);
    }
}

public sealed class RiskTierShareType : ObjectGraphType<RiskTierShare>
{
    internal const string MeanProbability = "Mean probability of the model's outcome, to 4 decimal places; null when there are no patients, or when their count is suppressed.";

    public RiskTierShareType()
    {
        Name = "RiskTierShare";
        Description = "The patients of a group in one risk tier.";
        Field<NonNullGraphType<RiskTierType>>("tier").Description("The tier.").Resolve(context => context.Source.Tier);
        Field(s => s.Patients, nullable: true).Description(DisclosureDescriptions.Patients);
        Field<SuppressionReasonType>("suppression").Description(DisclosureDescriptions.Suppression).Resolve(context => context.Source.Suppression);
        Field(s => s.Percentage, nullable: true).Description(DisclosureDescriptions.Percentage);
        Field(s => s.MeanProbability, nullable: true).Description(MeanProbability);
    }
}
