using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// Annual probability of death by age and sex: a Gompertz curve through the UK national life tables 2020-22
/// (qx at 65 of 0.0138 for men and 0.0090 for women, rising about 10% a year of age; see domain-reference §5).
/// </summary>
internal static class LifeTable
{
    public static double AnnualDeathProbability(double age, Sex sex)
    {
        var (at65, slope) = sex == Sex.Male ? (0.0138, 0.100) : (0.0090, 0.1025);
        return Math.Clamp(at65 * Math.Exp(slope * (age - 65)), 0.0002, 0.6);
    }

    /// <summary>Probability of surviving from <paramref name="fromAge"/> to <paramref name="toAge"/>.</summary>
    public static double Survival(int fromAge, int toAge, Sex sex)
    {
        var survival = 1.0;
        for (var age = fromAge; age < toAge; age++)
            survival *= 1 - AnnualDeathProbability(age, sex);
        return survival;
    }
}
