using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public sealed class PracticeType : ObjectGraphType<Practice>
{
    public PracticeType()
    {
        Name = "Practice";
        Description = "A GP practice.";
        Field(p => p.Code).Description("ODS code of the practice, e.g. J82001.");
        Field(p => p.Name).Description("Name of the practice.");
        Field(p => p.Postcode).Description("Postcode of the practice's main site.");
        Field(p => p.ListSize).Description("Registered patients in the NHS Digital list-size extract the store was built from.");
        Field(p => p.PublishedImdScore, nullable: true)
            .Description("IMD 2019 score of the practice population as published by OHID Fingertips (indicator 93553); null where unpublished.");
        Field<PcnType, Pcn?>("pcn")
            .Description("The PCN the practice belongs to at the store's reference date; null if it belongs to none then.")
            .Resolve()
            .WithService<PcnByPracticeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.Code));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PcnMembershipType>>>, IReadOnlyList<PcnMembership>?>("pcnMemberships")
            .Description("The practice's PCN memberships over time, oldest first: practices have moved PCN and left the area.")
            .Resolve()
            .WithService<PcnMembershipsByPracticeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.Code));
    }
}
