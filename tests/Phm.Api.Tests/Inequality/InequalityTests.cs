using System.Text.Json;
using Phm.Data.Inequality;
using static Phm.Api.Tests.Inequality.InequalityPopulation;

namespace Phm.Api.Tests.Inequality;

/// <summary>The inequality query over <see cref="InequalityPopulation"/>, with exact counts, against figures worked out by hand.</summary>
public sealed class InequalityTests(InequalityTests.Fixture fixture) : IClassFixture<InequalityTests.Fixture>
{
    private const string Query = """
        query($measure: InequalityMeasure!, $quintiles: DeprivationScale!, $pcn: String) {
          inequality(measure: $measure, quintiles: $quintiles, pcn: $pcn) {
            measure quintiles pcn rateKind per
            groups { quintile numerator numeratorSuppression denominator denominatorSuppression crudeRate { value lower upper } standardisedRate { value lower upper } }
            overall { quintile numerator denominator crudeRate { value lower upper } standardisedRate { value } }
            crude { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value lower upper } }
            standardised { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value } }
          }
        }
        """;

    [Fact]
    public async Task RegisterPrevalence_ByNationalQuintile_GivesEachQuintilesShareWithWilsonLimits_AndTheGradient()
    {
        var inequality = await InequalityAsync(new { registerPrevalence = "HYPERTENSION" }, "NATIONAL");

        Assert.Equal(("PROPORTION", 100), (inequality.GetProperty("rateKind").GetString(), inequality.GetProperty("per").GetInt32()));
        var groups = inequality.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], groups.Select(g => g.GetProperty("quintile").GetInt32()));
        Assert.Equal(Hypertensive, groups.Select(g => g.GetProperty("numerator").GetInt32()));
        Assert.All(groups, g => Assert.Equal(PerQuintile, g.GetProperty("denominator").GetInt32()));
        Assert.Equal([15.0, 12.0, 10.0, 8.0, 5.0], groups.Select(g => g.GetProperty("crudeRate").GetProperty("value").GetDouble()));
        // 30 of 200 is the domain reference's Wilson example: 0.15 (0.10714 to 0.20606).
        Assert.Equal((10.71, 20.61), Interval(groups[0].GetProperty("crudeRate")));
        // The ages follow the standard population, so standardising changes no rate (only its interval, by Dobson's method).
        Assert.All(groups, g => Assert.Equal(g.GetProperty("crudeRate").GetProperty("value").GetDouble(), g.GetProperty("standardisedRate").GetProperty("value").GetDouble()));
        var dsr = StandardisedRates.Rate([.. EuropeanStandardPopulation.Weights.Select((w, band) => new AgeBandCount(band == 0 ? 30 : 0, w / 500, w))], 100)!.Value.Rounded(2);
        Assert.Equal((dsr.Lower, dsr.Upper), Interval(groups[0].GetProperty("standardisedRate")));

        var overall = inequality.GetProperty("overall");
        Assert.Equal((JsonValueKind.Null, 100, 1000, 10.0), (overall.GetProperty("quintile").ValueKind, overall.GetProperty("numerator").GetInt32(),
            overall.GetProperty("denominator").GetInt32(), overall.GetProperty("crudeRate").GetProperty("value").GetDouble()));

        // Equal populations at b = .1, .3, .5, .7, .9: slope −12, intercept 16, so RII = 4/16.
        foreach (var gradient in new[] { inequality.GetProperty("crude"), inequality.GetProperty("standardised") })
        {
            Assert.Equal((3.0, 10.0), (gradient.GetProperty("rateRatio").GetDouble(), gradient.GetProperty("absoluteGap").GetDouble()));
            Assert.Equal(-12.0, gradient.GetProperty("slopeIndex").GetProperty("value").GetDouble());
            Assert.Equal(0.25, gradient.GetProperty("relativeIndex").GetProperty("value").GetDouble());
        }
        var sii = inequality.GetProperty("crude").GetProperty("slopeIndex");
        Assert.InRange(-12.0, sii.GetProperty("lower").GetDouble(), sii.GetProperty("upper").GetDouble());
    }

    [Fact]
    public async Task ActivityEvents_CountEachEventInTheLast12MonthsUpToTheReferenceDateIncluded_PerThousand()
    {
        var inequality = await InequalityAsync(new { activity = new { kind = "AE_ATTENDANCE", months = 12, count = "EVENTS" } }, "LOCAL");

        var groups = inequality.GetProperty("groups").EnumerateArray().ToList();
        // Three patients with three attendances each in 2 January 2020 to 1 January 2021 (as a cohort's { lastMonths: 12 }):
        // 9 per 200, exact limits below 10 events.
        Assert.Equal([9, 0, 0, 0, 0], groups.Select(g => g.GetProperty("numerator").GetInt32()));
        Assert.Equal("A&E attendances in the last 12 months to 2021-01-01, per 1,000 patients", inequality.GetProperty("measure").GetString());
        Assert.Equal(("RATE", 1000, 45.0), (inequality.GetProperty("rateKind").GetString(), inequality.GetProperty("per").GetInt32(), groups[0].GetProperty("crudeRate").GetProperty("value").GetDouble()));
        var (lower, upper) = CrudeRates.ExactLimits(9);
        Assert.Equal((Math.Round(lower / 200 * 1000, 2), Math.Round(upper / 200 * 1000, 2)), Interval(groups[0].GetProperty("crudeRate")));
        // Fewer than 10 events: no standardised rate, and no ratio over a rate of 0.
        Assert.Equal(JsonValueKind.Null, groups[0].GetProperty("standardisedRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, inequality.GetProperty("crude").GetProperty("rateRatio").ValueKind);
    }

    [Fact]
    public async Task ActivityPeople_CountEachPatientOnce()
    {
        var inequality = await InequalityAsync(new { activity = new { kind = "AE_ATTENDANCE", count = "PEOPLE" } }, "NATIONAL");

        Assert.Equal("patients with at least one A&E attendance in the last 12 months to 2021-01-01, per 100 patients", inequality.GetProperty("measure").GetString());
        var q1 = inequality.GetProperty("groups")[0];
        Assert.Equal((3, 1.5), (q1.GetProperty("numerator").GetInt32(), q1.GetProperty("crudeRate").GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task Mortality_CountsDeathsInTheYear_OfThoseAliveAtItsStart()
    {
        var inequality = await InequalityAsync(new { mortality = new { } }, "NATIONAL");

        var q1 = inequality.GetProperty("groups")[0];
        Assert.Equal((1, 201), (q1.GetProperty("numerator").GetInt32(), q1.GetProperty("denominator").GetInt32()));
        Assert.Equal(Math.Round(100_000.0 / 201, 2), q1.GetProperty("crudeRate").GetProperty("value").GetDouble());
        Assert.Equal(100_000, inequality.GetProperty("per").GetInt32());
    }

    [Fact]
    public async Task WithinAPcn_CountsOnlyItsPractices()
    {
        var inequality = await InequalityAsync(new { registerPrevalence = "HYPERTENSION" }, "NATIONAL", SampleData.Central);

        var groups = inequality.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal([0, 0, 0, 0, PerQuintile], groups.Select(g => g.GetProperty("denominator").GetInt32()));
        Assert.Equal(JsonValueKind.Null, groups[0].GetProperty("crudeRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, inequality.GetProperty("crude").GetProperty("slopeIndex").ValueKind);
    }

    [Theory]
    [InlineData("""{ "activity": { "kind": "AE_ATTENDANCE", "months": 0 } }""", "WINDOW_OUT_OF_RANGE")]
    [InlineData("""{ "activity": { "kind": "AE_ATTENDANCE", "months": 61 } }""", "WINDOW_OUT_OF_RANGE")]
    [InlineData("""{ "mortality": { "months": 37 } }""", "WINDOW_OUT_OF_RANGE")]
    public async Task AMeasureTheStoreCannotAnswer_IsRefusedNamingTheArgument(string measure, string code)
    {
        var response = await fixture.Host.ExecuteAsync(Query, new { measure = JsonDocument.Parse(measure).RootElement, quintiles = "NATIONAL" });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Contains("measure.months", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeasureWithTwoMembers_IsRefused()
    {
        var response = await fixture.Host.ExecuteAsync(Query, new { measure = new { registerPrevalence = "ASTHMA", mortality = new { } }, quintiles = "NATIONAL" });

        Assert.NotEmpty(response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
    }

    private async Task<JsonElement> InequalityAsync(object measure, string quintiles, string? pcn = null)
    {
        var response = await fixture.Host.ExecuteAsync(Query, new { measure, quintiles, pcn });
        Assert.Empty(response.ErrorCodes);
        return response.Data.GetProperty("inequality");
    }

    private static (double Lower, double Upper) Interval(JsonElement estimate) => (estimate.GetProperty("lower").GetDouble(), estimate.GetProperty("upper").GetDouble());

    public sealed class Fixture : IAsyncLifetime
    {
        private TestStore? _store;

        public SchemaHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _store = await TestStore.CreateAsync(Seed);
            Host = SchemaHost.Over(_store.Path);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            _store?.Dispose();
        }
    }
}
