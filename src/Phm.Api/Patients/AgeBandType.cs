using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

public sealed class AgeBandType : EnumerationGraphType<AgeBand>
{
    public AgeBandType()
    {
        Name = "AgeBand";
        Description = "An age band in whole years at the store's reference date: the hub's bands 0-17, 18-44, 45-64, 65-74, 75-84 and 85+ "
            + "(those the risk models are evaluated in).";
    }

    /// <summary>AGE_0_TO_17 ... AGE_85_AND_OVER, from the band's own bounds.</summary>
    protected override string ChangeEnumCase(string val)
    {
        var band = Enum.Parse<AgeBand>(val);
        return band.To() is { } to ? $"AGE_{band.From()}_TO_{to}" : $"AGE_{band.From()}_AND_OVER";
    }
}
