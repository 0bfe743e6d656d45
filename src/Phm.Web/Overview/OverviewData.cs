using Phm.Web.Shared;

namespace Phm.Web.Overview;

// The shapes of the overview operations' data, named as the hub names them. Counts are null when disclosure control
// withheld them (suppression says why): never read as zero.

public sealed record OverviewPopulationData(List<DeprivationGroup> DeprivationProfile, List<CityLsoa> Lsoas);

public sealed record DeprivationGroup(Organisation Group, int? Patients, string? Suppression, List<Share> ByNationalQuintile, List<Share> ByLocalQuintile, Share OutsideLocalAuthority);

public sealed record Organisation(string Code, string Name);

public sealed record Share(int? Quintile, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record CityLsoa(int? LocalQuintile, int NationalQuintile, LsoaPopulationTotal Population);

public sealed record LsoaPopulationTotal(int Total);

public sealed record OverviewRiskData(List<RiskGroup> RiskDistribution);

public sealed record RiskGroup(OrganisationCode? Organisation, int? Patients, string? Suppression, List<TierShare> Tiers);

public sealed record OrganisationCode(string Code);

public sealed record TierShare(string Tier, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record OverviewPeopleData(PeopleEvaluation EvaluateCohort);

public sealed record PeopleEvaluation(Characterisation Characterisation);

public sealed record Characterisation(int? Members, List<AgeSexShare> AgeBandsBySex, List<RegisterShare> TopRegisters);

public sealed record AgeSexShare(string AgeBand, string Sex, int? Patients, double? Percentage, string? Suppression);

public sealed record RegisterShare(string Register, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record OverviewCityData(CityCharacterisation CityComparison);

public sealed record CityCharacterisation(int? Members, string? MembersSuppression, CityDeprivation Deprivation, List<RegisterShare> TopRegisters, List<CityRiskMix> RiskTiers)
{
    /// <summary>The city's figure for a register the PCN lists (null: no one in the city is on it).</summary>
    public RegisterShare? Register(string register) => TopRegisters.FirstOrDefault(r => r.Register == register);

    public TierShare? Tier(string model, string tier) => RiskTiers.FirstOrDefault(m => m.Model == model)?.Tiers.FirstOrDefault(t => t.Tier == tier);
}

public sealed record CityDeprivation(List<Share> ByNationalQuintile, List<Share> ByLocalQuintile);

public sealed record CityRiskMix(string Model, List<TierShare> Tiers);

public static class Shares
{
    /// <summary>
    /// The shares as percentages of the patients they count (those living in the city, for local quintiles), so they compare
    /// with the city's residents; unchanged when a count is withheld, since the base is then unknown.
    /// </summary>
    public static IReadOnlyList<Share> AmongCounted(IReadOnlyList<Share> shares)
    {
        if (shares.Any(s => s.Patients is null))
            return shares;
        var total = shares.Sum(s => (double)s.Patients!.Value);
        return [.. shares.Select(s => s with { Percentage = total == 0 ? 0 : Math.Round(100 * s.Patients!.Value / total, 1) })];
    }
}

/// <summary>The city's residents by quintile, from the ONS populations of its LSOAs, as percentages.</summary>
public static class CityProfile
{
    public static IReadOnlyDictionary<int, double> ByQuintile(IEnumerable<CityLsoa> lsoas, Func<CityLsoa, int?> quintileOf)
    {
        var byQuintile = lsoas.Where(l => quintileOf(l) is not null).GroupBy(l => quintileOf(l)!.Value).ToDictionary(g => g.Key, g => g.Sum(l => (double)l.Population.Total));
        var total = byQuintile.Values.Sum();
        return byQuintile.ToDictionary(q => q.Key, q => total == 0 ? 0 : Math.Round(100 * q.Value / total, 1));
    }
}
