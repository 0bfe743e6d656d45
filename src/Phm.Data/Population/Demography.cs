using Phm.Data.Geography;
using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// Age, sex and ethnic group of a registered patient, drawn from the LSOA's mid-2015 population bands (IoD 2019 File 6).
/// Within a band ages are uniform, except from 60 where they follow life-table survival; older women outnumber older men
/// by the same survival.
/// </summary>
internal static class Demography
{
    public const int OldestAge = 104;

    private static readonly double[] OlderAgeCumulative = BuildOlderAgeCumulative();

    /// <summary>
    /// The male share of survivors at each age from 60, computed once rather than per patient. One age beyond the oldest:
    /// a draw above the last cumulative share lands there before the age is capped.
    /// </summary>
    private static readonly double[] OlderMaleShare = [.. Enumerable.Range(60, OldestAge - 60 + 2).Select(age =>
    {
        var male = LifeTable.Survival(60, age, Sex.Male);
        var female = LifeTable.Survival(60, age, Sex.Female);
        return male / (male + female);
    })];

    public static (int Age, Sex Sex) SampleAgeSex(LsoaPopulation population, Random random)
    {
        var total = population.Aged0To15 + population.Aged16To59 + population.Aged60Plus;
        var draw = random.NextDouble() * total;
        if (draw < population.Aged0To15)
            return (random.Next(0, 16), random.NextDouble() < 0.512 ? Sex.Male : Sex.Female);
        if (draw < population.Aged0To15 + population.Aged16To59)
            return (random.Next(16, 60), random.NextDouble() < 0.5 ? Sex.Male : Sex.Female);

        var index = Array.BinarySearch(OlderAgeCumulative, random.NextDouble());
        var age = 60 + (index < 0 ? ~index : index);
        return (Math.Min(age, OldestAge), random.NextDouble() < OlderMaleShare[age - 60] ? Sex.Male : Sex.Female);
    }

    /// <summary>
    /// Southampton's 2011 census mix (about 86% White, 8% Asian, 2% each Black, Mixed and Other; approximate) in the city,
    /// older people and neighbouring districts less diverse; about 4% of GP records have no ethnic group stated.
    /// </summary>
    public static EthnicGroup SampleEthnicGroup(bool inCity, int age, Random random)
    {
        if (random.NextDouble() < 0.04)
            return EthnicGroup.NotStated;
        var minorityShare = (inCity ? 0.14 : 0.06) * (age >= 60 ? 0.4 : 1.0);
        if (random.NextDouble() >= minorityShare)
            return EthnicGroup.White;
        var draw = random.NextDouble();
        return draw switch
        {
            < 0.57 => EthnicGroup.Asian,
            < 0.73 => EthnicGroup.Mixed,
            < 0.87 => EthnicGroup.Black,
            _ => EthnicGroup.Other,
        };
    }

    private static double[] BuildOlderAgeCumulative()
    {
        var weights = Enumerable.Range(60, OldestAge - 60 + 1)
            .Select(age => LifeTable.Survival(60, age, Sex.Male) + LifeTable.Survival(60, age, Sex.Female))
            .ToArray();
        var total = weights.Sum();
        var cumulative = new double[weights.Length];
        var running = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            running += weights[i] / total;
            cumulative[i] = running;
        }

        return cumulative;
    }
}
