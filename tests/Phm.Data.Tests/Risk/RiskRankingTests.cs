using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Tests.Risk;

/// <summary>
/// The tier rule: ranks by probability (ties by patient id), percentiles from the top, and tiers that hold their configured
/// cumulative shares whatever the population's size; a configuration that cannot hold is refused naming its key.
/// </summary>
public sealed class RiskRankingTests
{
    [Theory]
    [InlineData(0.5, 5, 20)]
    [InlineData(1, 2.5, 50)]
    [InlineData(10, 90, 100)]
    public void Tiers_HoldTheirCumulativeShares_ToWithinHalfAPatient_ForEveryPopulationUpTo3000(double veryHigh, double high, double moderate)
    {
        var options = new RiskTierOptions { VeryHigh = (decimal)veryHigh, High = (decimal)high, Moderate = (decimal)moderate };
        var ranking = new RiskRanking(options);
        decimal[] cumulative = [options.VeryHigh, options.High, options.Moderate, 100];

        for (var scored = 0; scored <= 3000; scored++)
        {
            var tiers = ranking.TiersInRankOrder(scored).ToList();
            Assert.Equal(scored, tiers.Count);
            Assert.Equal(tiers.Order(), tiers);
            for (var t = 0; t < cumulative.Length; t++)
            {
                var inTierOrAbove = tiers.Count(tier => (int)tier <= t + 1);
                Assert.True(Math.Abs(inTierOrAbove - scored * cumulative[t] / 100) <= 0.5m,
                    $"{scored} patients: {inTierOrAbove} in {(RiskTier)(t + 1)} or above, for {cumulative[t]}%");
            }
        }
    }

    [Theory]
    [InlineData(301_885, 1509, 15094, 60377)]
    [InlineData(1000, 5, 50, 200)]
    [InlineData(100, 1, 5, 20)]
    [InlineData(99, 0, 5, 20)]
    [InlineData(1, 0, 0, 0)]
    public void DefaultTiers_AreTheTopHalfPercent_FivePercent_AndTwentyPercent_RoundedToTheNearestRank(int scored, int veryHigh, int high, int moderate) =>
        Assert.Equal([veryHigh, high, moderate, scored], new RiskRanking(new RiskTierOptions()).LastRanks(scored));

    [Fact]
    public void EqualProbabilities_AreRankedByPatientId_AndTheTiersStillHoldTheirShares()
    {
        var ids = Enumerable.Range(1, 1000).Select(i => i * 7919 % 1009).ToList();
        var scores = ids.Select(id => new PatientProbability(id, 0.25)).ToList();

        var order = RiskRanking.RankOrder(scores);
        var tiers = new RiskRanking(new RiskTierOptions()).TiersInRankOrder(scores.Count).ToList();

        Assert.Equal(ids.Order(), order.Select(i => scores[i].PatientId));
        Assert.Equal([5, 45, 150, 800], Enum.GetValues<RiskTier>().Select(tier => tiers.Count(t => t == tier)));
    }

    [Fact]
    public void Ranks_GoFromTheHighestProbability_TiesByPatientId()
    {
        PatientProbability[] scores = [new(5, 0.1), new(3, 0.9), new(9, 0.4), new(2, 0.4), new(7, 0.0), new(4, 1.0), new(6, -0.0), new(8, double.Epsilon)];

        var order = RiskRanking.RankOrder(scores);

        Assert.Equal([4, 3, 2, 9, 5, 8, 6, 7], order.Select(i => scores[i].PatientId));
    }

    [Fact]
    public void Ranks_AreByProbabilityThenPatientId_ForScoresInAnyOrder_WithManyEqual()
    {
        var random = new Random(13);
        var ids = Enumerable.Range(1, 20_000).OrderBy(_ => random.Next()).ToList();
        var scores = ids.Select(id => new PatientProbability(id, random.Next(3) == 0 ? random.Next(50) / 49.0 : random.NextDouble())).ToList();

        var order = RiskRanking.RankOrder(scores);

        Assert.Equal(scores.OrderByDescending(s => s.Probability).ThenBy(s => s.PatientId), order.Select(i => scores[i]));
    }

    [Fact]
    public void Percentiles_Are100AtTheTop_AndFallByOneNthPerRank() =>
        Assert.Equal([100, 75, 50, 25], Enumerable.Range(1, 4).Select(rank => RiskRanking.PercentileOf(rank, 4)));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    public void AProbabilityOutsideZeroToOne_IsRefused_NamingItsPosition(double probability)
    {
        var refused = Assert.Throws<ArgumentException>(() => RiskRanking.RankOrder([new(1, 0.2), new(2, probability)]));

        Assert.StartsWith($"The probability at position 2 of 2 is {probability}, not between 0 and 1.", refused.Message);
    }

    [Theory]
    [InlineData("VeryHigh", "0", "Phm:Risk:Tiers:VeryHigh is 0: a tier's share is a percentage of the scored population above 0 and at most 100.")]
    [InlineData("Moderate", "120", "Phm:Risk:Tiers:Moderate is 120: a tier's share is a percentage of the scored population above 0 and at most 100.")]
    [InlineData("High", "0.5", "Phm:Risk:Tiers:High (0.5) must be above Phm:Risk:Tiers:VeryHigh (0.5): the shares are cumulative, highest risk first.")]
    [InlineData("Moderate", "4", "Phm:Risk:Tiers:Moderate (4) must be above Phm:Risk:Tiers:High (5): the shares are cumulative, highest risk first.")]
    public void ABadTierConfiguration_IsRefusedWhenRead_NamingTheKey(string tier, string value, string message)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => TierOptionsFrom((tier, value)));

        Assert.Equal(message, refused.Message);
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => new RiskRanking(Bound((tier, value)))).Message);
    }

    [Fact]
    public void ATierShareThatIsNotANumber_IsRefused_NamingTheKey()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TierOptionsFrom(("High", "five")));

        Assert.Contains("'Phm:Risk:Tiers:High'", refused.Message);
    }

    [Fact]
    public void TierShares_AreReadFromConfiguration() =>
        Assert.Equal([10, 30, 60, 1000], new RiskRanking(TierOptionsFrom(("VeryHigh", "1"), ("High", "3"), ("Moderate", "6"))).LastRanks(1000));

    /// <summary>The options as the hub reads them (AddPhmData), from settings under Phm:Risk:Tiers.</summary>
    private static RiskTierOptions TierOptionsFrom(params (string Tier, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>($"{RiskTierOptions.SectionName}:{s.Tier}", s.Value)))
            .Build();
        using var services = new ServiceCollection().AddPhmData(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<RiskTierOptions>>().Value;
    }

    /// <summary>The options bound without validation, as a caller constructing <see cref="RiskRanking"/> directly might have them.</summary>
    private static RiskTierOptions Bound(params (string Tier, string Value)[] settings)
    {
        var options = new RiskTierOptions();
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>(s.Tier, s.Value)))
            .Build()
            .Bind(options);
        return options;
    }
}
