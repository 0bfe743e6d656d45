using System.Text.Json;
using Phm.Api.Loading;
using Phm.Api.Risk;
using Phm.Data.Risk;
using static Phm.Api.Tests.Support.SampleData;
using static Phm.Api.Tests.Support.TestRiskScores;

namespace Phm.Api.Tests.Risk;

/// <summary>
/// Patients' risk scores over <see cref="SampleData"/>: the six patients alive at the reference date are scored by both test
/// models (<see cref="TestRiskScores"/>); Gus, who died before it, is not.
/// </summary>
public sealed class PatientRiskTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    private const string RiskPage = """
        query($first: Int, $after: String, $risk: RiskFilter) {
          patients(first: $first, after: $after, filter: { risk: $risk }, orderBy: RISK_DESC) {
            totalCount
            edges { cursor node { id risk(model: "emergency-admission-12m") { percentile tier } } }
            pageInfo { hasNextPage hasPreviousPage endCursor }
          }
        }
        """;

    [Fact]
    public async Task Patients_ByRiskDesc_PagedTwoAtATime_VisitEveryScoredPatientOnceHighestRiskFirst()
    {
        var pages = new List<JsonElement>();
        string? after = null;
        do
        {
            var response = await fixture.Host.ExecuteAsync(RiskPage, new { first = 2, after, risk = new { model = Admission } });
            Assert.Empty(response.ErrorCodes);
            pages.Add(response.Data.GetProperty("patients"));
            after = pages[^1].GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (pages[^1].GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        var nodes = pages.SelectMany(p => p.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))).ToList();
        Assert.Equal(6, nodes.Count);
        Assert.Equal(nodes.Count, nodes.Select(n => n.GetProperty("id").GetString()).Distinct().Count());
        Assert.DoesNotContain(Gus, nodes.Select(n => n.GetProperty("id").GetString()));
        // The pages hold ranks 1 to 6 in order.
        Assert.Equal([.. Enumerable.Range(1, 6).Select(rank => RiskRanking.PercentileOf(rank, 6))], nodes.Select(n => n.GetProperty("risk").GetProperty("percentile").GetDouble()));
        Assert.All(pages, p => Assert.Equal(6, p.GetProperty("totalCount").GetInt32()));
        Assert.Equal([false, true, true], pages.Select(p => p.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean()));
    }

    [Fact]
    public async Task Patients_ByRiskDesc_AfterTheSameCursor_GetTheSamePage()
    {
        var first = await fixture.Host.ExecuteAsync(RiskPage, new { first = 3, risk = new { model = Admission } });
        var after = first.Data.GetProperty("patients").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var again = await fixture.Host.ExecuteAsync(RiskPage, new { first = 3, after, risk = new { model = Admission } });
        var andAgain = await fixture.Host.ExecuteAsync(RiskPage, new { first = 3, after, risk = new { model = Admission } });

        Assert.Equal(again.Body, andAgain.Body);
        Assert.Equal(3, again.Data.GetProperty("patients").GetProperty("edges").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "model": "emergency-admission-12m", "tiers": ["LOW"] }""", 5)]
    [InlineData("""{ "model": "emergency-admission-12m", "tiers": ["VERY_HIGH", "MODERATE"] }""", 1)]
    [InlineData("""{ "model": "emergency-admission-12m", "minPercentile": 50 }""", 4)]
    [InlineData("""{ "model": "emergency-admission-12m", "tiers": ["LOW"], "minPercentile": 50 }""", 3)]
    [InlineData("""{ "model": "emergency-admission-12m", "minPercentile": 100 }""", 1)]
    [InlineData("""{ "model": "mortality-12m" }""", 6)]
    public async Task Patients_FilteredByRisk_AreThoseWhoseScoreMeetsEveryCriterion(string risk, int expected)
    {
        var filter = JsonSerializer.Deserialize<JsonElement>(risk);
        var response = await fixture.Host.ExecuteAsync(RiskPage, new { first = 10, risk = filter });

        var nodes = response.Data.GetProperty("patients").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("risk")).ToList();
        Assert.Equal(expected, nodes.Count);
        if (filter.TryGetProperty("tiers", out var tiers) && filter.GetProperty("model").GetString() == Admission)
            Assert.All(nodes, n => Assert.Contains(n.GetProperty("tier").GetString(), tiers.EnumerateArray().Select(t => t.GetString())));
        if (filter.TryGetProperty("minPercentile", out var min))
            Assert.All(nodes, n => Assert.True(n.GetProperty("percentile").GetDouble() >= min.GetDouble()));
    }

    [Fact]
    public async Task Risk_OfAPatientWhoDiedBeforeTheReferenceDate_IsNull()
    {
        var response = await fixture.Host.ExecuteAsync($$"""{ patient(id: "{{Gus}}") { risk(model: "emergency-admission-12m") { tier } } }""");

        Assert.Empty(response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("patient").GetProperty("risk").ValueKind);
    }

    [Fact]
    public async Task Risk_ShowsTheModelVersionTierOfItsRankAndContributionsLargestFirst()
    {
        var response = await fixture.Host.ExecuteAsync($$"""
            { patient(id: "{{Ann}}") { risk(model: "mortality-12m") { model version probability percentile tier contributions { feature words contribution } } } }
            """);

        var risk = response.Data.GetProperty("patient").GetProperty("risk");
        Assert.Equal((Mortality, ModelVersion), (risk.GetProperty("model").GetString(), risk.GetProperty("version").GetString()));
        Assert.InRange(risk.GetProperty("probability").GetDouble(), 0, 1);
        var rank = (int)Math.Round(1 + 6 * (1 - risk.GetProperty("percentile").GetDouble() / 100));
        Assert.Equal(new RiskRanking(new RiskTierOptions()).TiersInRankOrder(6).ElementAt(rank - 1).ToString(), risk.GetProperty("tier").GetString()!.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        var contributions = risk.GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(3, contributions.Count);
        Assert.Contains(contributions, c => c.GetProperty("words").GetString() == "aged 64");
        Assert.Equal(contributions.Select(c => Math.Abs(c.GetProperty("contribution").GetDouble())).OrderDescending(), contributions.Select(c => Math.Abs(c.GetProperty("contribution").GetDouble())));
    }

    [Fact]
    public async Task PageOfPatients_WithTheRiskOfTwoModels_ReadsTheScoresInOneQueryPerModel()
    {
        fixture.Host.Commands.Reset();

        var response = await fixture.Host.ExecuteAsync("""
            { patients(first: 10) { items { id admission: risk(model: "emergency-admission-12m") { tier } death: risk(model: "mortality-12m") { tier } again: risk(model: "mortality-12m") { probability } } } }
            """);

        Assert.Empty(response.ErrorCodes);
        Assert.Equal(7, response.Data.GetProperty("patients").GetProperty("items").GetArrayLength());
        // The page itself is no score query; the two models' scores are one query each, for the seven patients.
        Assert.Equal(2, fixture.Host.Commands.Commands.Count(sql => sql.Contains("\"RiskScores\"", StringComparison.Ordinal)));
    }

    public static TheoryData<string, object, string, string> BadRequests => new()
    {
        {
            """query($model: String!) { patients { items { risk(model: $model) { tier } } } }""", new { model = "frailty-12m" },
            RiskModelNotFoundError.ErrorCode,
            "Argument 'model' is invalid: no risk model named 'frailty-12m' has scores in the store; it holds scores of emergency-admission-12m, mortality-12m."
        },
        {
            """query($risk: RiskFilter) { patients(filter: { risk: $risk }) { totalCount } }""", new { risk = new { model = "frailty-12m" } },
            RiskModelNotFoundError.ErrorCode,
            "Argument 'filter.risk.model' is invalid: no risk model named 'frailty-12m' has scores in the store; it holds scores of emergency-admission-12m, mortality-12m."
        },
        {
            """query($risk: RiskFilter) { patients(filter: { risk: $risk }) { totalCount } }""", new { risk = new { model = Admission, minPercentile = 100.5 } },
            PercentileOutOfRangeError.ErrorCode,
            "Argument 'filter.risk.minPercentile' is invalid: a percentile is 0 to 100, not 100.5."
        },
        {
            """query($risk: RiskFilter) { patients(filter: { risk: $risk }) { totalCount } }""", new { risk = new { model = Admission, minPercentile = -1 } },
            PercentileOutOfRangeError.ErrorCode,
            "Argument 'filter.risk.minPercentile' is invalid: a percentile is 0 to 100, not -1."
        },
        {
            """query($risk: RiskFilter) { patients(filter: { risk: $risk }) { totalCount } }""", new { risk = new { model = Admission, tiers = Array.Empty<string>() } },
            RiskTiersEmptyError.ErrorCode,
            "Argument 'filter.risk.tiers' is invalid: name at least one tier, or leave tiers out to take every tier."
        },
        {
            """{ patients(orderBy: RISK_DESC, filter: { alive: true }) { totalCount } }""", new { },
            RiskOrderWithoutModelError.ErrorCode,
            "Argument 'orderBy' is invalid: RISK_DESC orders patients by one risk model's scores: name the model in filter.risk.model."
        },
        {
            """query($model: String!, $groupBy: RiskGroupBy!) { riskDistribution(model: $model, groupBy: $groupBy) { patients } }""", new { model = "EMERGENCY-ADMISSION-12M", groupBy = "PCN" },
            RiskModelNotFoundError.ErrorCode,
            "Argument 'model' is invalid: no risk model named 'EMERGENCY-ADMISSION-12M' has scores in the store; it holds scores of emergency-admission-12m, mortality-12m."
        },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRiskArgument_IsRefusedNamingItBeforeAnythingIsRead(string query, object variables, string code, string message)
    {
        var response = await fixture.Host.ExecuteAsync(query, variables);

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(message, response.ErrorMessage);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task CursorOfTheIdOrderOrOfAnotherModel_IsRefusedByTheRiskOrder()
    {
        var byId = await fixture.Host.ExecuteAsync("{ patients(first: 1) { pageInfo { endCursor } } }");
        var byMortality = await fixture.Host.ExecuteAsync(RiskPage, new { first = 1, risk = new { model = Mortality } });
        string?[] cursors =
        [
            byId.Data.GetProperty("patients").GetProperty("pageInfo").GetProperty("endCursor").GetString(),
            byMortality.Data.GetProperty("patients").GetProperty("pageInfo").GetProperty("endCursor").GetString(),
        ];

        foreach (var after in cursors)
        {
            var response = await fixture.Host.ExecuteAsync(RiskPage, new { first = 1, after, risk = new { model = Admission } });
            Assert.Equal([MalformedCursorError.ErrorCode], response.ErrorCodes);
        }
    }
}
