using Phm.Web.Shared;

namespace Phm.Web.CohortBuilder;

public sealed record CohortBuilderCountData(CohortCount EvaluateCohort);

/// <summary>How many meet the criteria, under the caller's disclosure control.</summary>
public sealed record CohortCount(int? Count, string? CountSuppression);

public sealed record CohortBuilderProfileData(CohortProfileOnly EvaluateCohort);

public sealed record CohortProfileOnly(CohortProfile Characterisation);

public sealed record CohortProfile(
    IReadOnlyList<AgeSexShare> AgeBandsBySex, CohortDeprivationShares Deprivation, IReadOnlyList<RegisterShare> TopRegisters, IReadOnlyList<RiskMix> RiskTiers);

public sealed record AgeSexShare(string AgeBand, string Sex, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record CohortDeprivationShares(IReadOnlyList<QuintileShare> ByNationalQuintile);

public sealed record QuintileShare(int? Quintile, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record RegisterShare(string Register, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record RiskMix(string Model, int? Patients, string? Suppression, IReadOnlyList<TierShare> Tiers);

public sealed record TierShare(string Tier, int? Patients, double? Percentage, string? Suppression) : IShare;

public sealed record CohortBuilderLoadData(SavedCohortVersion? Cohort);

public sealed record SavedCohortVersion(string Id, int Version, string Name, string? Description, string CriteriaJson, bool BuiltIn, PcnCode? Pcn);

public sealed record PcnCode(string Code);

/// <summary>The version a save or revision wrote.</summary>
public sealed record SavedVersion(string Id, int Version, string Name);

public sealed record CohortBuilderSaveData(SavedVersion? SaveCohort);

public sealed record CohortBuilderReviseData(SavedVersion? ReviseCohort);
