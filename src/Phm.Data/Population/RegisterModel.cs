using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// Long-term condition registers. A patient's log-odds of being on a register add an age shape, a deprivation effect,
/// a sex effect and a shared latent multimorbidity factor (so conditions cluster, as they do in life); the intercept of each
/// register is then calibrated so that the population's recorded prevalence matches Southampton's QOF figure.
/// </summary>
internal static class RegisterModel
{
    /// <summary>
    /// Prevalences are Southampton's QOF 2019/20 (domain-reference §1) over each register's QOF age denominator
    /// (<see cref="RegisterRules.MinimumAge"/>).
    /// Deprivation ratios are the England D1/D10 ratios, used as age-adjusted quintile 1 vs 5 effects (the crude ratios
    /// understate them: deprived areas are younger); for AF, cancer and dementia, whose crude ratios fall below 1 only
    /// because deprived areas are younger, a modest 1.1 is assumed; COPD's 2.2 is set so COPD mortality differs about 3x
    /// between the most and least deprived quintiles, as the city's does. Persistent pain (10% of adults) and frailty
    /// (moderate or severe eFI, about 15% of over-65s, Clegg 2016) have no QOF register and are assumptions.
    /// Age shapes borrow the OpenSAFELY hypertension-by-age curve for cardiovascular conditions; others are assumptions.
    /// </summary>
    public static readonly IReadOnlyList<RegisterSpec> Registers =
    [
        new(ConditionRegister.Hypertension, 0.1081, 1.01, 0.7, 0.1, 0.3, Curve((10, .0004), (25, .004), (35, .017), (45, .068), (55, .178), (65, .32), (75, .485), (85, .628))),
        new(ConditionRegister.Diabetes, 0.0587, 1.46, 0.8, 0.25, 0.5, Curve((20, .005), (35, .02), (45, .05), (55, .10), (65, .15), (75, .18), (85, .16))),
        new(ConditionRegister.Asthma, 0.0611, 1.06, 0.4, -0.1, 0.3, Curve((10, .08), (20, .07), (40, .06), (80, .06))),
        new(ConditionRegister.Copd, 0.0210, 2.2, 0.9, 0.1, 1.0, Curve((35, .001), (45, .008), (55, .025), (65, .05), (75, .08), (85, .08))),
        new(ConditionRegister.HeartFailure, 0.0075, 1.09, 1.0, 0.3, 1.2, Curve((40, .0005), (55, .004), (65, .015), (75, .04), (85, .09))),
        new(ConditionRegister.AtrialFibrillation, 0.0157, 1.1, 0.7, 0.3, 0.5, Curve((40, .001), (55, .01), (65, .04), (75, .10), (85, .18))),
        new(ConditionRegister.CoronaryHeartDisease, 0.0219, 1.12, 0.8, 0.5, 0.6, Curve((35, .001), (45, .01), (55, .04), (65, .09), (75, .15), (85, .20))),
        new(ConditionRegister.ChronicKidneyDisease, 0.0235, 1.04, 0.8, -0.1, 0.6, Curve((30, .002), (50, .01), (65, .05), (75, .15), (85, .30))),
        new(ConditionRegister.Cancer, 0.0227, 1.1, 0.3, 0.0, 0.8, Curve((20, .002), (40, .01), (55, .03), (65, .07), (75, .12), (85, .15))),
        new(ConditionRegister.Dementia, 0.0056, 1.1, 0.6, -0.2, 1.0, Curve((40, .0001), (60, .002), (70, .02), (80, .08), (90, .25))),
        new(ConditionRegister.Depression, 0.1148, 1.29, 0.5, -0.5, 0.3, Curve((20, .10), (35, .14), (50, .13), (65, .10), (80, .09))),
        new(ConditionRegister.SeriousMentalIllness, 0.0110, 1.64, 0.5, 0.1, 0.7, Curve((15, .0005), (20, .006), (35, .012), (50, .013), (70, .01), (85, .008))),
        new(ConditionRegister.LearningDisability, 0.0048, 1.67, 0.2, 0.4, 0.6, Curve((0, .005), (60, .005), (80, .002))),
        new(ConditionRegister.PersistentPain, 0.10, 1.4, 0.6, -0.3, 0.4, Curve((20, .03), (40, .07), (60, .11), (80, .14))),
        new(ConditionRegister.Frailty, 0.15, 1.3, 1.2, -0.2, 1.2, Curve((65, .05), (75, .12), (85, .35), (95, .6))),
        new(ConditionRegister.StrokeTia, 0.0146, 1.1, 0.7, 0.2, 0.6, Curve((40, .002), (55, .01), (65, .03), (75, .07), (85, .12))),
        new(ConditionRegister.Epilepsy, 0.0073, 1.39, 0.3, 0.1, 0.4, Curve((20, .008), (80, .008))),
        new(ConditionRegister.Osteoporosis, 0.0084, 1.0, 0.5, -1.5, 0.3, Curve((50, .005), (65, .02), (75, .05), (85, .10))),
        new(ConditionRegister.Obesity, 0.0945, 1.56, 0.5, 0.0, 0.2, Curve((20, .05), (40, .10), (55, .12), (70, .10), (85, .05))),
    ];

    public static RegisterSpec For(ConditionRegister register) => Registers.First(r => r.Register == register);

    private static AgeCurve Curve(params (double Age, double Prevalence)[] knots) => new(knots);
}

/// <summary>How one register is generated.</summary>
/// <param name="Prevalence">Target share of the eligible population on the register.</param>
/// <param name="DeprivationRatio">Odds in the most vs least deprived quintile, other things equal.</param>
/// <param name="LatentLoading">Weight of the shared multimorbidity factor.</param>
/// <param name="MaleLogOdds">Log odds ratio for men against women.</param>
/// <param name="Burden">Contribution to the patient's care needs (activity and mortality).</param>
/// <param name="AgeShape">Relative prevalence by age; the intercept scales it.</param>
internal sealed record RegisterSpec(
    ConditionRegister Register,
    double Prevalence,
    double DeprivationRatio,
    double LatentLoading,
    double MaleLogOdds,
    double Burden,
    AgeCurve AgeShape)
{
    /// <summary>The register's age (<see cref="RegisterRules.MinimumAge"/>): nobody younger is on it, and prevalence is over those this old.</summary>
    public int MinAge => Register.MinimumAge();

    public double LinearPredictor(int age, Sex sex, double deprivation, double latent)
    {
        var shape = Math.Clamp(AgeShape.At(age), 1e-6, 0.95);
        return LogisticCalibrator.Logit(shape)
            + Math.Log(DeprivationRatio) * deprivation
            + LatentLoading * latent
            + (sex == Sex.Male ? MaleLogOdds : 0);
    }
}
