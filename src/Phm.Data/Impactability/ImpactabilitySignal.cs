namespace Phm.Data.Impactability;

/// <summary>
/// A documented reason to think a team can change what happens to a patient (README, "Impactability"): risk finds those
/// who will be admitted whatever a team does; these find those it can help. Each is one rule (<see cref="ImpactabilitySignalRule"/>).
/// </summary>
public enum ImpactabilitySignal
{
    /// <summary>Emergency admissions for ambulatory care sensitive conditions in the window (by default 1 or more in 12 months).</summary>
    AmbulatoryCareSensitiveAdmissions = 1,

    /// <summary>In the top tiers of the emergency-admission model with no care plan recorded.</summary>
    TopRiskWithoutCarePlan = 2,

    /// <summary>Frequent urgent care with a long-term condition and no review of it recorded in the window.</summary>
    FrequentUrgentCareWithoutReview = 3,

    /// <summary>Likely in the last year of life by the mortality model, and not on the end-of-life register.</summary>
    LastYearOfLifeWithoutEndOfLifeRegister = 4,
}
