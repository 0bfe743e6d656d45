using GraphQL.Types;
using Phm.Data.Geography;

namespace Phm.Api.Geography;

public sealed class DomainDecilesType : ObjectGraphType<DomainDeciles>
{
    public DomainDecilesType()
    {
        Name = "DomainDeciles";
        Description = "National deciles of the IMD 2019 domains: 1 is the most deprived tenth of England.";
        Field(d => d.Income).Description("Income deprivation decile.");
        Field(d => d.Employment).Description("Employment deprivation decile.");
        Field(d => d.Education).Description("Education, skills and training deprivation decile.");
        Field(d => d.Health).Description("Health deprivation and disability decile.");
        Field(d => d.Crime).Description("Crime decile.");
        Field(d => d.BarriersToHousingAndServices).Description("Barriers to housing and services decile.");
        Field(d => d.LivingEnvironment).Description("Living environment deprivation decile.");
    }
}
