using Phm.Data.Inequality;
using Phm.Data.Patients;
using static Phm.Ml.Features.UrgentCareRatio;

namespace Phm.Ml.Tests.Features;

/// <summary>Urgent care observed against expected for age and sex, shrunk towards 1 by the population's overdispersion.</summary>
public sealed class UrgentCareRatioTests
{
    [Fact]
    public void TheRatio_IsObservedPlusThePriorShape_OverExpectedPlusIt_WithExpectedFromTheAgeBandAndSexsRate()
    {
        // One age band and sex: 8 contacts in 8 person-years, so 1 a year and 2 expected each. The excess variance
        // Σ((O - E)² - O) = 4 + 4 + 10 - 2 = 16 over Σ E² = 16 gives a prior shape of 1.
        History[] band = [new(42, Sex.Female, 0, 2), new(40, Sex.Female, 0, 2), new(44, Sex.Female, 6, 2), new(43, Sex.Female, 2, 2)];

        Assert.Equal([0.33f, 0.33f, 2.33f, 1f], Of(band));
    }

    [Fact]
    public void TheSameContacts_ReadHigher_WhereTheAgeBandAndSexHaveFewer()
    {
        History[] patients =
        [
            new(30, Sex.Male, 4, 3), new(31, Sex.Male, 0, 3), new(32, Sex.Male, 1, 3), new(33, Sex.Male, 0, 3),
            new(86, Sex.Male, 4, 3), new(87, Sex.Male, 12, 3), new(88, Sex.Male, 6, 3), new(89, Sex.Male, 9, 3),
            new(30, Sex.Female, 4, 3), new(31, Sex.Female, 20, 3), new(32, Sex.Female, 3, 3), new(33, Sex.Female, 7, 3),
        ];

        var ratios = Of(patients);

        Assert.True(ratios[0] > 1, $"{ratios[0]}: 4 where 1.25 are usual");
        Assert.True(ratios[4] < 1, $"{ratios[4]}: 4 where 7.75 are usual");
        Assert.True(ratios[8] < 1, $"{ratios[8]}: 4 where 8.5 are usual (women of the same age)");
        Assert.Equal(0, EuropeanStandardPopulation.BandOf(4));
        Assert.Equal(EuropeanStandardPopulation.OldestBand, EuropeanStandardPopulation.BandOf(89) + 1);
        Assert.Equal(EuropeanStandardPopulation.OldestBand, EuropeanStandardPopulation.BandOf(104));
    }

    [Fact]
    public void MoreYearsAtTheSameRate_MoveTheRatioFurtherFromOne()
    {
        // Two a year where one is usual, over one year and over four: the longer record is the surer.
        History[] patients = [new(50, Sex.Female, 2, 1), new(51, Sex.Female, 8, 4), new(52, Sex.Female, 0, 4), new(53, Sex.Female, 0, 1)];

        var ratios = Of(patients);

        Assert.True(ratios[1] > ratios[0] && ratios[0] > 1, string.Join(", ", ratios));
        Assert.True(ratios[2] < ratios[3] && ratios[3] < 1, string.Join(", ", ratios));
    }

    [Fact]
    public void NoMoreSpreadThanChance_LeavesEveryoneAsExpected()
    {
        History[] alike = [new(60, Sex.Male, 2, 2), new(61, Sex.Male, 2, 2), new(62, Sex.Male, 2, 2)];
        History[] none = [new(20, Sex.Female, 0, 2), new(21, Sex.Female, 0, 1)];

        Assert.Equal([1f, 1f, 1f], Of(alike));
        Assert.Equal([1f, 1f], Of(none));
    }
}
