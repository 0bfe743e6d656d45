using Phm.Data.Store;

namespace Phm.Data.Population;

/// <summary>What a generated population depends on; a store built from other settings is rebuilt.</summary>
public sealed record PopulationSettings(int Seed, int Population, string LocalAuthority)
{
    /// <summary>Bump when the generator's output changes, so that existing stores are rebuilt.</summary>
    public const string GeneratorVersion = "1.3.0";

    /// <summary>The date the population is described at: the list-size extract. Activity covers the four years before it.</summary>
    public static readonly DateOnly ReferenceDate = new(2021, 1, 1);

    /// <summary>
    /// Four years: enough for out-of-time validation with two years of history behind each index date (train at the
    /// reference date minus two years on the year after it, evaluate at minus one year on the last year).
    /// </summary>
    public static readonly DateOnly ActivityStart = ReferenceDate.AddYears(-4);

    public bool Matches(StoreManifest manifest) =>
        manifest.GeneratorVersion == GeneratorVersion
        && manifest.Seed == Seed
        && manifest.Population == Population
        && manifest.LocalAuthorityCode == LocalAuthority;
}
