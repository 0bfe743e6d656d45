namespace Phm.Data.Geography;

/// <summary>
/// A 2011 Lower layer Super Output Area with its English Indices of Deprivation 2019 figures.
/// Quintile 1 is always the most deprived fifth.
/// </summary>
public sealed class Lsoa
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string LocalAuthorityCode { get; init; }
    public required string LocalAuthorityName { get; init; }

    /// <summary>True for LSOAs of the configured local authority; false for neighbouring areas that hold out-of-area residents.</summary>
    public bool IsInLocalAuthority { get; init; }

    public double ImdScore { get; init; }

    /// <summary>The published score is known only where a score file covers the LSOA; elsewhere it is interpolated from the national rank.</summary>
    public bool ImdScoreIsEstimated { get; init; }

    public int ImdRank { get; init; }
    public int ImdDecile { get; init; }
    public int NationalQuintile { get; init; }

    /// <summary>Quintile of IMD rank within the local authority; null outside it.</summary>
    public int? LocalQuintile { get; init; }

    public required DomainDeciles Domains { get; init; }
    public required LsoaPopulation Population { get; init; }
}

/// <summary>Deciles (1 = most deprived) of the seven IMD 2019 domains.</summary>
public sealed record DomainDeciles(
    int Income,
    int Employment,
    int Education,
    int Health,
    int Crime,
    int BarriersToHousingAndServices,
    int LivingEnvironment);

/// <summary>ONS mid-2015 population denominators (IoD 2019 File 6).</summary>
public sealed record LsoaPopulation(int Total, int Aged0To15, int Aged16To59, int Aged60Plus);
