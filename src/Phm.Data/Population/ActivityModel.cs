using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// Service use. Each kind's yearly rate is a base rate times an age curve, times exp(loading × care needs), times a
/// deprivation ratio, times the patient's propensity (gamma-distributed with mean 1: shared by the urgent-care kinds, so a
/// few people make many attendances, as high intensity users do). Base rates are calibrated so the population's mean
/// equals the England rate per person-year (domain-reference §2; community and social care contacts are assumptions).
/// </summary>
internal static class ActivityModel
{
    public static readonly IReadOnlyList<ActivitySpec> Kinds =
    [
        new(ActivityKind.GpAppointment, 5.9, 0.25, 1.15, new AgeCurve((0, 1.2), (5, 0.5), (15, 0.5), (30, 0.8), (50, 1.0), (70, 1.6), (85, 2.0))),
        new(ActivityKind.Nhs111Call, 0.40, 0.30, 1.4, new AgeCurve((0, 1.5), (5, 0.7), (20, 1.0), (40, 0.8), (70, 1.0), (85, 1.5))),
        new(ActivityKind.Ambulance, 0.15, 0.45, 1.8, new AgeCurve((0, 0.3), (20, 0.7), (50, 0.8), (70, 1.8), (85, 4.0))),
        new(ActivityKind.AeAttendance, 0.43, 0.35, 1.7, new AgeCurve((0, 1.2), (5, 0.7), (20, 1.1), (40, 0.8), (70, 1.2), (85, 2.0))),
        // Age shape from the least deprived quintile of Pereira Gray et al. 2017 (emergency admissions per 1,000 by age).
        new(ActivityKind.EmergencyAdmission, 0.108, 0.50, 1.9, new AgeCurve((10, 0.40), (28, 0.34), (45, 0.40), (60, 0.56), (75, 1.6), (85, 3.0))),
        new(ActivityKind.ElectiveAdmission, 0.16, 0.30, 0.9, new AgeCurve((10, 0.2), (30, 0.4), (50, 1.0), (70, 2.0), (85, 1.5))),
        new(ActivityKind.Outpatient, 1.68, 0.35, 1.0, new AgeCurve((10, 0.5), (30, 0.7), (50, 1.0), (70, 1.8), (85, 1.6))),
        new(ActivityKind.CommunityContact, 1.0, 0.60, 1.2, new AgeCurve((0, 0.3), (50, 0.3), (70, 1.5), (85, 5.0))),
        new(ActivityKind.SocialCareContact, 0.4, 0.60, 1.4, new AgeCurve((0, 0.3), (18, 0.3), (65, 0.8), (80, 3.0), (90, 6.0))),
    ];

    /// <summary>Length of stay in nights: about a third of emergency admissions are same-day, the rest average about 5-8 nights, longer when older and sicker; three in four planned admissions are day cases.</summary>
    public static int? LengthOfStay(ActivityKind kind, int age, double burden, Random random) => kind switch
    {
        ActivityKind.EmergencyAdmission => random.NextDouble() < 1.0 / 3 ? 0 : 1 + (int)(-Math.Log(1 - random.NextDouble()) * (3 + 0.08 * Math.Max(0, age - 40) + 0.5 * Math.Max(0, burden))),
        ActivityKind.ElectiveAdmission => random.NextDouble() < 0.75 ? 0 : 1 + (int)(-Math.Log(1 - random.NextDouble()) * 2.5),
        _ => null,
    };
}

/// <param name="PerPersonYear">Target mean rate across the population.</param>
/// <param name="BurdenLoading">Log-rate increase per unit of care needs.</param>
/// <param name="DeprivationRatio">Rate in the most vs least deprived quintile, other things equal.</param>
/// <param name="AgeShape">Relative rate by age.</param>
internal sealed record ActivitySpec(ActivityKind Kind, double PerPersonYear, double BurdenLoading, double DeprivationRatio, AgeCurve AgeShape)
{
    /// <summary>Whether the kind shares the urgent-care propensity (<see cref="Activity.UrgentCareKinds"/>; otherwise the planned-care one).</summary>
    public bool Urgent { get; } = Activity.UrgentCareKinds.Contains(Kind);

    public double RelativeRate(int age, double burden, double deprivation) =>
        AgeShape.At(age) * Math.Exp(BurdenLoading * burden + Math.Log(DeprivationRatio) * deprivation);
}
