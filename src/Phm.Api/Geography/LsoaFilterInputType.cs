using GraphQL.Types;
using Phm.Data.Geography;

namespace Phm.Api.Geography;

/// <summary>Which LSOAs to list; unset criteria match every LSOA.</summary>
public sealed record LsoaFilter(int? NationalQuintile = null, int? LocalQuintile = null, bool? InLocalAuthority = null)
{
    public void Validate(string argument)
    {
        QuintileOutOfRangeError.ThrowIfOutOfRange($"{argument}.nationalQuintile", NationalQuintile);
        QuintileOutOfRangeError.ThrowIfOutOfRange($"{argument}.localQuintile", LocalQuintile);
    }

    public IQueryable<Lsoa> Apply(IQueryable<Lsoa> lsoas)
    {
        if (NationalQuintile is { } national)
            lsoas = lsoas.Where(l => l.NationalQuintile == national);
        if (LocalQuintile is { } local)
            lsoas = lsoas.Where(l => l.LocalQuintile == local);
        if (InLocalAuthority is { } inside)
            lsoas = lsoas.Where(l => l.IsInLocalAuthority == inside);
        return lsoas;
    }
}

public sealed class LsoaFilterInputType : InputObjectGraphType<LsoaFilter>
{
    public LsoaFilterInputType()
    {
        Name = "LsoaFilter";
        Description = "Criteria on LSOAs; all given criteria must hold.";
        Field(f => f.NationalQuintile, nullable: true).Description("IMD 2019 national quintile, 1 (most deprived) to 5.");
        Field(f => f.LocalQuintile, nullable: true).Description("Quintile within the hub's local authority, 1 (most deprived) to 5.");
        Field(f => f.InLocalAuthority, nullable: true).Description("True for LSOAs of the hub's local authority, false for neighbouring areas.");
    }
}
