using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public sealed class PcnType : ObjectGraphType<Pcn>
{
    public PcnType()
    {
        Name = "Pcn";
        Description = "A Primary Care Network: practices working together for a neighbourhood.";
        Field(p => p.Code).Description("ODS code of the PCN.");
        Field(p => p.Name).Description("Name of the PCN.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PracticeType>>>, IReadOnlyList<Practice>?>("practices")
            .Description("The member practices at the store's reference date, by code.")
            .Resolve()
            .WithService<PracticesByPcnLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.Code));
    }
}
