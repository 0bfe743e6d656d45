using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Phm.Web.Hub;
using Phm.Web.Overview;

namespace Phm.Web.Tests.Overview;

public sealed class OverviewPageTests : BunitContext
{
    private readonly FakeHub _hub = new();

    public OverviewPageTests()
    {
        Services.AddSingleton<IPhmHub>(_hub);
        _hub.AnswerRecorded("OverviewPopulation", "OverviewPopulation.json")
            .AnswerRecorded("OverviewPeople", "OverviewPeople.json")
            .AnswerRecorded("OverviewRisk", "OverviewRisk.json")
            .Answer("OverviewCity", City);
    }

    /// <summary>The city comparator as the hub gives every role: perturbed and rounded, small counts suppressed.</summary>
    private const string City = """
        {"data":{"cityComparison":{"members":301885,"membersSuppression":null,
         "deprivation":{"byNationalQuintile":[{"quintile":1,"patients":78490,"percentage":26.0,"suppression":null},{"quintile":5,"patients":30190,"percentage":10.0,"suppression":null}],
                        "byLocalQuintile":[{"quintile":1,"patients":50000,"percentage":20.0,"suppression":null},{"quintile":null,"patients":50000,"percentage":20.0,"suppression":null}]},
         "topRegisters":[{"register":"HYPERTENSION","patients":33810,"percentage":11.2,"suppression":null},{"register":"DEMENTIA","patients":null,"percentage":null,"suppression":"SMALL_COUNT"}],
         "riskTiers":[{"model":"emergency-admission-12m","tiers":[{"tier":"VERY_HIGH","patients":3020,"percentage":1.0,"suppression":null}]}]}}}
        """;

    [Fact]
    public void Population_AndNationalQuintiles_AgainstTheCitysResidents()
    {
        var page = RenderAsClinicianOf("U97340");

        Assert.Equal("PCN overview: SOUTHAMPTON BITTERNE PCN", page.Find("h1").TextContent);
        Assert.Contains("33,094", page.Find(".figures").TextContent, StringComparison.Ordinal);
        var mostDeprived = page.FindAll("#population-heading ~ .table-scroll table")[0].QuerySelector("tbody tr")!;
        Assert.Equal(["10,509", "31.8%", "27.8%", "26.0%", "4.0 points more"], mostDeprived.QuerySelectorAll("td").Select(td => td.Words()));
    }

    [Fact]
    public void LocalQuintiles_AreSharesOfThePatientsLivingInTheCity_SoTheyCompareWithItsResidents()
    {
        var page = RenderAsClinicianOf("U97340");

        // 7,135 of the 27,805 patients living in the city (16% of the PCN's 33,094 live outside it).
        var mostDeprived = page.FindAll("#population-heading ~ .table-scroll table")[1].QuerySelector("tbody tr")!;
        Assert.Equal(["7,135", "25.7%"], mostDeprived.QuerySelectorAll("td").Take(2).Select(td => td.TextContent));
    }

    [Fact]
    public void Pyramid_IsSvgWithAWordedBarForEveryBandAndSex_AndATableOfTheSameNumbers()
    {
        var page = RenderAsClinicianOf("U97340");

        var svg = page.Find("#pyramid-heading ~ figure svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal(12, svg.QuerySelectorAll("rect").Length);
        Assert.Contains("12.1%", svg.TextContent, StringComparison.Ordinal);
        Assert.Equal("0–17", page.FindAll("#pyramid-heading ~ table tbody tr")[^1].QuerySelector("th")!.TextContent);
    }

    [Fact]
    public void Registers_AndRiskTiers_OfThePcn()
    {
        var page = RenderAsClinicianOf("U97340");

        Assert.Equal(["Hypertension", "3,269", "9.9%", "11.2%"], page.Find("#registers-heading ~ .table-scroll table tbody tr").Children.Select(c => c.Words()));
        Assert.Equal(["Very high", "High", "Moderate", "Low"], page.FindAll("#risk-heading ~ .table-scroll table tbody th").Select(th => th.TextContent));
        Assert.Equal("""{"model":"emergency-admission-12m"}""", Assert.Single(_hub.VariablesOf("OverviewRisk")).GetRawText());
        Assert.Equal("""{"criteria":{"all":[{"pcn":"U97340"},{"alive":true}]}}""", Assert.Single(_hub.VariablesOf("OverviewPeople")).GetRawText());
    }

    [Fact]
    public void TheCitysFigures_StandBesideThePcns_AsTheHubProtectedThem()
    {
        var page = RenderAsClinicianOf("U97340");

        Assert.Single(_hub.VariablesOf("OverviewCity"));
        Assert.Contains("under the disclosure control analysts get", page.Find("#registers-heading ~ p").TextContent, StringComparison.Ordinal);
        // Local quintiles are shares of the city's patients living in the city: here all 50,000 counted in a quintile are in the first.
        Assert.Equal("100.0%", page.FindAll("#population-heading ~ .table-scroll table")[1].QuerySelector("tbody tr")!.QuerySelectorAll("td")[3].Words());
        Assert.Equal("1.0%", page.Find("#risk-heading ~ .table-scroll table tbody tr").Children[^1].Words());
    }

    [Fact]
    public void SuppressedCells_AreShownAsSuppressed_NeverAsZero()
    {
        _hub.Answer("OverviewPeople", """
            {"data":{"evaluateCohort":{"characterisation":{"members":40,
             "ageBandsBySex":[{"ageBand":"AGE_85_AND_OVER","sex":"MALE","patients":null,"percentage":null,"suppression":"SMALL_COUNT"},
                              {"ageBand":"AGE_85_AND_OVER","sex":"FEMALE","patients":null,"percentage":null,"suppression":"SECONDARY"}],
             "topRegisters":[{"register":"DEMENTIA","patients":null,"percentage":null,"suppression":"SMALL_COUNT"}]}}}}
            """);
        _hub.Answer("OverviewRisk", """
            {"data":{"riskDistribution":[{"organisation":{"code":"U97340"},"patients":40,"suppression":null,
             "tiers":[{"tier":"VERY_HIGH","patients":null,"percentage":null,"suppression":"SMALL_COUNT"}]}]}}
            """);

        var page = RenderAsClinicianOf("U97340");

        Assert.Equal(
            // The pyramid's two cells, the PCN's dementia count and the city's (suppressed by the hub too), the PCN's very high tier.
            ["suppressed (fewer than 8)", "suppressed (would reveal another)", "suppressed (fewer than 8)", "suppressed (fewer than 8)", "suppressed (fewer than 8)"],
            page.FindAll(".suppressed").Select(s => s.TextContent));
        Assert.Contains("suppressed (fewer than 8)", page.Find("#pyramid-heading ~ figure svg").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("td"), td => td.TextContent.Trim() is "0" or "0.0%");
    }

    [Fact]
    public void WithoutAPcnInTheSignIn_AsksTheHubForNothing()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("an analyst");

        var page = Render<OverviewPage>();

        Assert.Contains("your sign-in names none", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_hub.Requests);
    }

    private IRenderedComponent<OverviewPage> RenderAsClinicianOf(string pcn)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("a clinician");
        authorization.SetClaims(new Claim("pcn", pcn), new Claim("role", "clinician"));
        return Render<OverviewPage>();
    }
}
