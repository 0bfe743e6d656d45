using System.Text.Json;

namespace Phm.Api.Tests.Inequality;

/// <summary>The inequality query on the seeded population: what each role sees.</summary>
[Collection(HubCollection.Name)]
public sealed class InequalityOverHttpTests(PhmApiFactory hub)
{
    private const string Query = """
        query($measure: InequalityMeasure!, $pcn: String) {
          inequality(measure: $measure, quintiles: LOCAL, pcn: $pcn) {
            measure rateKind per
            groups { quintile numerator numeratorSuppression denominator denominatorSuppression crudeRate { value lower upper } standardisedRate { value lower upper } }
            overall { numerator denominator crudeRate { value lower upper } standardisedRate { value lower upper } }
            crude { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value lower upper } }
            standardised { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value lower upper } }
          }
        }
        """;

    private static readonly object Copd = new { registerPrevalence = "COPD" };

    [Fact]
    public async Task HypertensionPrevalence_ForAnAnalyst_MatchesSnapshot()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync(Query, new { measure = new { registerPrevalence = "HYPERTENSION" } });

        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task ForAnAnalyst_CountsAreNearTheExactOnes_AndRatesOfSuppressedNumeratorsAreWithheld()
    {
        var measure = new { registerPrevalence = "LEARNING_DISABILITY" };
        var pcn = GovernanceTests.PcnA;
        var exact = Groups((await hub.AsAdmin().PostGraphQLAsync(Query, new { measure, pcn })).Json);
        var shown = Groups((await hub.AsAnalyst().PostGraphQLAsync(Query, new { measure, pcn })).Json);

        Assert.Contains(shown, g => g.GetProperty("numeratorSuppression").ValueKind != JsonValueKind.Null);
        Assert.All(exact.Zip(shown), pair =>
        {
            var (admin, analyst) = pair;
            var count = admin.GetProperty("numerator").GetInt32();
            if (analyst.GetProperty("numerator").ValueKind == JsonValueKind.Null)
            {
                Assert.NotEqual(JsonValueKind.Null, analyst.GetProperty("numeratorSuppression").ValueKind);
                Assert.Equal(JsonValueKind.Null, analyst.GetProperty("crudeRate").ValueKind);
                Assert.Equal(JsonValueKind.Null, analyst.GetProperty("standardisedRate").ValueKind);
            }
            else
            {
                Assert.InRange(analyst.GetProperty("numerator").GetInt32(), count - 4, count + 4);
            }
            Assert.True(count is 0 or > 7 || analyst.GetProperty("numeratorSuppression").GetString() == "SMALL_COUNT");
        });
    }

    [Fact]
    public async Task ForAClinician_CountsItsOwnPcnExactly_AndRefusesAnother()
    {
        var own = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(Query, new { measure = Copd });
        var asAdmin = await hub.AsAdmin().PostGraphQLAsync(Query, new { measure = Copd, pcn = GovernanceTests.PcnA });
        var other = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(Query, new { measure = Copd, pcn = GovernanceTests.PcnB });

        Assert.Equal(
            Groups(asAdmin.Json).Select(g => (g.GetProperty("numerator").GetInt32(), g.GetProperty("denominator").GetInt32())),
            Groups(own.Json).Select(g => (g.GetProperty("numerator").GetInt32(), g.GetProperty("denominator").GetInt32())));
        Assert.Equal(["FORBIDDEN"], other.ErrorCodes);
    }

    private static List<JsonElement> Groups(JsonElement response) =>
        [.. response.GetProperty("data").GetProperty("inequality").GetProperty("groups").EnumerateArray()];
}
