using GraphQL.Types;
using Phm.Data.Geography;

namespace Phm.Api.Geography;

public sealed class LsoaType : ObjectGraphType<Lsoa>
{
    public LsoaType()
    {
        Name = "Lsoa";
        Description = "A 2011 Lower layer Super Output Area (about 1,500 residents) with its English Indices of Deprivation 2019 figures.";
        Field(l => l.Code).Description("ONS code of the LSOA, e.g. E01017139.");
        Field(l => l.Name).Description("ONS name of the LSOA, e.g. Southampton 001A.");
        Field<NonNullGraphType<LocalAuthorityType>>("localAuthority")
            .Description("The local authority (district) the LSOA lies in.")
            .Resolve(context => new LocalAuthority(context.Source.LocalAuthorityCode, context.Source.LocalAuthorityName));
        Field("inLocalAuthority", l => l.IsInLocalAuthority)
            .Description("True for LSOAs of the hub's local authority; false for neighbouring areas where out-of-area patients live.");
        Field(l => l.ImdScore).Description("IMD 2019 score: higher is more deprived.");
        Field(l => l.ImdScoreIsEstimated)
            .Description("True where the published score was not available and the score was interpolated from the national rank.");
        Field(l => l.ImdRank).Description("IMD 2019 rank among England's 32,844 LSOAs: 1 is the most deprived.");
        Field(l => l.ImdDecile).Description("IMD 2019 national decile: 1 is the most deprived tenth of England.");
        Field(l => l.NationalQuintile).Description("IMD 2019 national quintile: 1 is the most deprived fifth of England.");
        Field(l => l.LocalQuintile, nullable: true)
            .Description("Quintile of IMD rank within the hub's local authority (1 = most deprived fifth); null outside it.");
        Field<NonNullGraphType<DomainDecilesType>>("domainDeciles")
            .Description("National deciles of the seven IMD 2019 domains.")
            .Resolve(context => context.Source.Domains);
        Field<NonNullGraphType<LsoaPopulationType>>("population")
            .Description("ONS mid-2015 resident population, the denominators published with IMD 2019.")
            .Resolve(context => context.Source.Population);
    }
}
