namespace Phm.Web.Patients;

// The shapes of the patient summary's data, named as the hub names them.

public sealed record PatientSummaryData(List<RiskModelInfo> RiskModels, PatientSummary? Patient);

public sealed record RiskModelInfo(string Name, string Outcome);

public sealed record PatientSummary(
    string Id, string AgeBand, int Age, string Sex, string EthnicGroup, DateOnly? DateOfDeath, PracticeInfo Practice, LsoaInfo Lsoa,
    List<ConditionEntry> Conditions, List<CareFlagEntry> CareFlags, List<ActivityEntry> Activity, List<ImpactabilityWords> Impactability,
    PatientScore? Admission, PatientScore? Mortality);

public sealed record PracticeInfo(string Code, string Name);

public sealed record LsoaInfo(string Name, int? LocalQuintile, int NationalQuintile);

public sealed record ConditionEntry(string Register, string Kind, DateOnly OnsetDate);

public sealed record CareFlagEntry(string Kind, DateOnly RecordedOn);

public sealed record ActivityEntry(DateOnly Date, string Kind, int? LengthOfStayDays, string? PrimaryDiagnosis, bool AmbulatoryCareSensitive);

public sealed record ImpactabilityWords(string Words);

public sealed record PatientScore(string Model, string Version, string Tier, double Probability, double Percentile, List<ScoreContribution> Contributions);

public sealed record ScoreContribution(string Words, double Contribution);
