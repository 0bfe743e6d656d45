using GraphQL.Types;
using Phm.Api.Governance;

namespace Phm.Api.Deprivation;

/// <summary>The deprivation profile of one PCN or practice.</summary>
public sealed record DeprivationGroup(
    OdsOrganisation Group,
    int? Patients,
    SuppressionReason? Suppression,
    IReadOnlyList<QuintileShare> ByNationalQuintile,
    IReadOnlyList<QuintileShare> ByLocalQuintile,
    PatientShare OutsideLocalAuthority);

public sealed class DeprivationGroupType : ObjectGraphType<DeprivationGroup>
{
    public DeprivationGroupType()
    {
        Name = "DeprivationGroup";
        Description = "How the patients of one PCN or practice spread over the deprivation quintiles of the LSOAs they live in.";
        Field<NonNullGraphType<OdsOrganisationType>>("group").Description("The PCN or practice.").Resolve(context => context.Source.Group);
        Field(g => g.Patients, nullable: true).Description("Patients in the group alive at the reference date. " + DisclosureDescriptions.Rule);
        Field<SuppressionReasonType>("suppression").Description(DisclosureDescriptions.Suppression).Resolve(context => context.Source.Suppression);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuintileShareType>>>>("byNationalQuintile")
            .Description("Patients in each national IMD 2019 quintile, 1 to 5; the percentages add up to 100.")
            .Resolve(context => context.Source.ByNationalQuintile);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuintileShareType>>>>("byLocalQuintile")
            .Description("Patients in each quintile within the local authority, 1 to 5. Patients living outside it have no local quintile "
                + "and are counted in outsideLocalAuthority; percentages are of all the group's patients.")
            .Resolve(context => context.Source.ByLocalQuintile);
        Field<NonNullGraphType<PatientShareType>>("outsideLocalAuthority")
            .Description("Patients living outside the local authority, who have no local quintile.")
            .Resolve(context => context.Source.OutsideLocalAuthority);
    }
}
