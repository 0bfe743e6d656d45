using GraphQL.Types;
using Phm.Data.Geography;

namespace Phm.Api.Geography;

public sealed class LsoaPopulationType : ObjectGraphType<LsoaPopulation>
{
    public LsoaPopulationType()
    {
        Name = "LsoaPopulation";
        Description = "ONS mid-2015 resident population of an LSOA, in the age bands published with IMD 2019.";
        Field(p => p.Total).Description("All residents.");
        Field(p => p.Aged0To15).Description("Residents aged 0 to 15.");
        Field(p => p.Aged16To59).Description("Residents aged 16 to 59.");
        Field(p => p.Aged60Plus).Description("Residents aged 60 and over.");
    }
}
