using Phm.Data.Impactability;
using Phm.Data.Patients;
using Phm.Data.Risk;

namespace Phm.Data.Cohorts;

/// <summary>
/// Who belongs to a cohort: a tree of <see cref="All"/> / <see cref="Any"/> / <see cref="Not"/> over predicates. Each node sets
/// exactly one member (a "oneOf"), as in the GraphQL input type and the stored JSON (<see cref="CohortCriteriaJson"/>).
/// Everything is judged at the store's reference date; windows of activity reach back from it.
/// </summary>
public sealed record CohortCriteria
{
    public IReadOnlyList<CohortCriteria>? All { get; init; }
    public IReadOnlyList<CohortCriteria>? Any { get; init; }
    public CohortCriteria? Not { get; init; }

    /// <summary>Age in whole years at the reference date.</summary>
    public NumberRange? Age { get; init; }
    public Sex? Sex { get; init; }
    public IReadOnlyList<EthnicGroup>? EthnicGroups { get; init; }

    /// <summary>ODS code of a PCN: patients registered at its member practices at the reference date.</summary>
    public string? Pcn { get; init; }
    public string? Practice { get; init; }
    public string? Lsoa { get; init; }

    /// <summary>National IMD quintiles of the patient's LSOA (1 = most deprived); any of them.</summary>
    public IReadOnlyList<int>? NationalQuintiles { get; init; }

    /// <summary>Local IMD quintiles of the patient's LSOA; patients living outside the local authority have none.</summary>
    public IReadOnlyList<int>? LocalQuintiles { get; init; }

    public RegisterCriterion? Register { get; init; }

    /// <summary>How many registers the patient is on.</summary>
    public NumberRange? RegisterCount { get; init; }

    public ActivityCriterion? Activity { get; init; }
    public BedDaysCriterion? BedDays { get; init; }

    /// <summary>Days from the last emergency admission to the reference date; a patient never admitted as an emergency has no value and meets no range.</summary>
    public NumberRange? DaysSinceLastEmergencyAdmission { get; init; }

    public CareFlagCriterion? CareFlag { get; init; }
    public RiskCriterion? Risk { get; init; }

    /// <summary>
    /// An impactability signal that holds for the patient (<see cref="ImpactabilitySignals"/>: the hub's configured rules, such as
    /// ACSC admissions or a top risk tier without a care plan).
    /// </summary>
    public ImpactabilitySignal? Impactability { get; init; }

    /// <summary>True for the living at the reference date, false for those who had died by then.</summary>
    public bool? Alive { get; init; }

    public static CohortCriteria AllOf(params IEnumerable<CohortCriteria> criteria) => new() { All = [.. criteria] };

    public static CohortCriteria AnyOf(params IEnumerable<CohortCriteria> criteria) => new() { Any = [.. criteria] };

    public static CohortCriteria NotOf(CohortCriteria criteria) => new() { Not = criteria };
}

/// <summary>A whole-number range, both ends inclusive, either open.</summary>
public sealed record NumberRange(int? AtLeast = null, int? AtMost = null)
{
    public bool Contains(int value) => (AtLeast is not { } low || value >= low) && (AtMost is not { } high || value <= high);

    /// <summary>e.g. "at least 5", "at most 2", "5 to 10".</summary>
    public string Words() => (AtLeast, AtMost) switch
    {
        ({ } low, { } high) when low == high => $"exactly {low}",
        ({ } low, { } high) => $"{low} to {high}",
        ({ } low, null) => $"at least {low}",
        (null, { } high) => $"at most {high}",
        _ => "any",
    };
}

/// <summary>On a register at the reference date (<see cref="RegisterRules"/>), optionally with the diagnosis in force made within a window.</summary>
public sealed record RegisterCriterion(ConditionRegister Register, CriteriaWindow? Onset = null);

/// <summary>A number of contacts of one kind within a window ("5 or more A&amp;E attendances in the last 12 months").</summary>
public sealed record ActivityCriterion(ActivityKind Kind, CriteriaWindow Window, NumberRange Count);

/// <summary>Nights in hospital (lengths of stay of emergency and elective admissions) admitted within a window.</summary>
public sealed record BedDaysCriterion(CriteriaWindow Window, NumberRange Days);

/// <summary>A care flag recorded by the reference date (<see cref="Present"/>) or not.</summary>
public sealed record CareFlagCriterion(CareFlagKind Kind, bool Present = true);

/// <summary>A patient's score from one scored risk model: its tier, or its percentile (100 = the highest risk).</summary>
public sealed record RiskCriterion(string Model, IReadOnlyList<RiskTier>? Tiers = null, double? MinPercentile = null, double? MaxPercentile = null)
{
    /// <summary>The model's scores that meet the criterion.</summary>
    public IQueryable<RiskScore> Matching(IQueryable<RiskScore> scores)
    {
        scores = scores.Where(s => s.Model == Model);
        if (Tiers is { } tiers)
            scores = scores.Where(s => tiers.Contains(s.Tier));
        if (MinPercentile is { } minPercentile)
            scores = scores.Where(s => s.Percentile >= minPercentile);
        if (MaxPercentile is { } maxPercentile)
            scores = scores.Where(s => s.Percentile <= maxPercentile);
        return scores;
    }
}
