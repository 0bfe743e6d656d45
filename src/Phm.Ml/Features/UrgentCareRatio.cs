using Phm.Data.Inequality;
using Phm.Data.Patients;

namespace Phm.Ml.Features;

/// <summary>
/// How much urgent care a patient has used against what is usual for their age and sex, as indirectly standardised ratios
/// are read in practice (observed / expected), shrunk towards 1 by empirical Bayes: the feature
/// <c>urgent_care_ratio</c>. How often someone turns to urgent care is a trait of the person; a few contacts in a few years
/// estimate it poorly, and the same count means more at an age when contacts are rare. So the expected count E is the
/// population's rate for the patient's age band and sex (contacts over person-years, among the patients the features are
/// computed for, over the history before the index date; the five-year bands of standardised rates,
/// <see cref="EuropeanStandardPopulation"/>) times the patient's years observed, and the ratio is
/// (observed + α) / (E + α): the mean of a gamma-Poisson posterior whose prior shape α is estimated from the same
/// population's overdispersion (method of moments). Few years or a rare age pull the ratio towards 1; many contacts where
/// few are expected push it up. Nothing after the index date enters: the counts and years are those of the features.
/// </summary>
internal static class UrgentCareRatio
{
    /// <summary>Two decimals: the ratio ranks patients finely, and reads as "urgent care 2.35 times the usual for age and sex".</summary>
    private const int Decimals = 2;

    /// <summary>One patient's urgent-care contacts over the history and the years it covers.</summary>
    public readonly record struct History(int Age, Sex Sex, int Contacts, double Years);

    /// <summary>Each patient's ratio, in the order given.</summary>
    public static float[] Of(IReadOnlyList<History> patients)
    {
        var contacts = new Dictionary<(int, Sex), (double Contacts, double Years)>();
        foreach (var p in patients)
        {
            var key = (EuropeanStandardPopulation.BandOf(p.Age), p.Sex);
            var (c, y) = contacts.GetValueOrDefault(key);
            contacts[key] = (c + p.Contacts, y + p.Years);
        }

        var expected = new double[patients.Count];
        double excessVariance = 0, expectedSquared = 0;
        for (var i = 0; i < patients.Count; i++)
        {
            var p = patients[i];
            var (c, y) = contacts[(EuropeanStandardPopulation.BandOf(p.Age), p.Sex)];
            expected[i] = c / y * p.Years;
            // Poisson counts with gamma-distributed means: Var(O) = E + E² / α, so Σ((O - E)² - O) estimates Σ E² / α.
            excessVariance += (p.Contacts - expected[i]) * (p.Contacts - expected[i]) - p.Contacts;
            expectedSquared += expected[i] * expected[i];
        }

        var ratios = new float[patients.Count];
        // No more spread than chance gives (a small or uniform population): nothing tells the patients apart, all are as expected.
        if (excessVariance <= 0 || expectedSquared <= 0)
        {
            Array.Fill(ratios, 1f);
            return ratios;
        }
        var priorShape = expectedSquared / excessVariance;
        for (var i = 0; i < patients.Count; i++)
            ratios[i] = (float)Math.Round((patients[i].Contacts + priorShape) / (expected[i] + priorShape), Decimals, MidpointRounding.AwayFromZero);
        return ratios;
    }
}
