using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public sealed class PcnMembershipType : ObjectGraphType<PcnMembership>
{
    public PcnMembershipType()
    {
        Name = "PcnMembership";
        Description = "A practice's membership of a PCN over a period.";
        Field<NonNullGraphType<PcnType>, Pcn?>("pcn")
            .Description("The PCN.")
            .Resolve()
            .WithService<PcnByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.PcnCode));
        Field(m => m.ValidFrom).Description("First day of membership.");
        Field(m => m.ValidTo, nullable: true).Description("Last day of membership; null while it is current.");
    }
}
