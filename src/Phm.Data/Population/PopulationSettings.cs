using Phm.Data.Store;

namespace Phm.Data.Population;

/// <summary>What a generated population depends on; a store built from other settings is rebuilt.</summary>
public sealed record PopulationSettings(int Seed, int Population, string LocalAuthority)
{
    /// <summary>Bump when the generator's output changes, so that existing stores are rebuilt.</summary>
    public const string GeneratorVersion = "1.1.0";

    /// <summary>The date the population is described at: the list-size extract. Activity covers the three years before it.</summary>
    public static readonly DateOnly ReferenceDate = new(2021, 1, 1);

    public static readonly DateOnly ActivityStart = ReferenceDate.AddYears(-3);

    public bool Matches(StoreManifest manifest) =>
        manifest.GeneratorVersion == GeneratorVersion
        && manifest.Seed == Seed
        && manifest.Population == Population
        && manifest.LocalAuthorityCode == LocalAuthority;
}
