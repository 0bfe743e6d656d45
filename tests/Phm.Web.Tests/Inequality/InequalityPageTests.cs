using Microsoft.Extensions.DependencyInjection;
using Phm.Web.Hub;
using Phm.Web.Inequality;

namespace Phm.Web.Tests.Inequality;

public sealed class InequalityPageTests : BunitContext
{
    private readonly FakeHub _hub = new();

    public InequalityPageTests()
    {
        Services.AddSingleton<IPhmHub>(_hub);
        _hub.Answer("AnalysisPcns", """{"data":{"pcns":[{"code":"U97340","name":"BITTERNE PCN"}]}}""");
    }

    [Fact]
    public void ASuppressedQuintile_IsDrawnAndTabledAsSuppressed_NeverAsZero()
    {
        this.SignInAs("analyst");
        _hub.Answer("InequalityView", InequalityResponses.WithQuintileTwoSuppressed);

        var page = Render<InequalityPage>();

        var bar = page.WaitForElement("[data-testid=inequality-chart] g[data-quintile='2']");
        Assert.Equal("true", bar.GetAttribute("data-suppressed"));
        Assert.Contains("suppressed", bar.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0.00", bar.TextContent, StringComparison.Ordinal);
        var row = page.FindAll("[data-testid=inequality-table] tbody tr")[1];
        Assert.Equal(["2", "suppressed (fewer than 8)", "suppressed (would reveal another)", "suppressed (fewer than 8)"],
            row.Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void TheChartDrawsEachRateWithItsInterval_AndTheGapIsGivenInFigures()
    {
        this.SignInAs("analyst");
        _hub.Answer("InequalityView", InequalityResponses.WithQuintileTwoSuppressed);

        var page = Render<InequalityPage>();

        var first = page.WaitForElement("[data-testid=inequality-chart] g[data-quintile='1']");
        Assert.Equal("false", first.GetAttribute("data-suppressed"));
        Assert.Contains("9.50", first.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, first.QuerySelectorAll("line").Length); // the interval and its two caps
        var gap = page.Find("[data-testid=inequality-gap]").TextContent;
        Assert.Contains("2.38", gap, StringComparison.Ordinal);
        Assert.Contains("-5.10 % (95% interval -7.20 to -3.00)", gap, StringComparison.Ordinal);
        Assert.Contains("Q1: 9.50 % (95% interval 8.10 to 11.00); Q2: suppressed (fewer than 8)", page.Find("svg desc").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoosingAnotherMeasure_AsksTheHubForItAsTheOneOfInput()
    {
        this.SignInAs("analyst");
        _hub.Answer("InequalityView", InequalityResponses.WithQuintileTwoSuppressed);
        var page = Render<InequalityPage>();
        page.WaitForElement("[data-testid=inequality-chart]");

        page.Find("#measure-kind").Change(MeasureChoice.Activity);
        page.Find("#measure-activity").Change("AE_ATTENDANCE");
        page.Find("#measure-quintiles").Change("LOCAL");
        page.Find("#measure-pcn").Change("U97340");

        var asked = _hub.VariablesOf("InequalityView").Last();
        Assert.Equal("""{"measure":{"activity":{"kind":"AE_ATTENDANCE","months":12,"count":"EVENTS"}},"quintiles":"LOCAL","pcn":"U97340"}""", asked.GetRawText());
        Assert.Equal("""{"registerPrevalence":"DIABETES"}""", _hub.VariablesOf("InequalityView").First().GetProperty("measure").GetRawText());
    }

    [Fact]
    public void AClinician_IsOfferedNoPcn_TheHubLimitsThemToTheirOwn()
    {
        this.SignInAs("clinician", pcn: "U97340");
        _hub.Answer("InequalityView", InequalityResponses.WithQuintileTwoSuppressed);

        var page = Render<InequalityPage>();

        page.WaitForElement("[data-testid=inequality-chart]");
        Assert.Empty(page.FindAll("#measure-pcn"));
        Assert.DoesNotContain(_hub.Requests, r => r.Operation == "AnalysisPcns");
    }
}

/// <summary>Inequality responses as the hub shapes them, with figures chosen to be told apart.</summary>
internal static class InequalityResponses
{
    public const string WithQuintileTwoSuppressed = """
        {"data":{"inequality":{"measure":"Diabetes register prevalence","per":100,"rateKind":"PROPORTION","quintiles":"NATIONAL","pcn":null,
          "groups":[
            {"quintile":1,"numerator":190,"numeratorSuppression":null,"denominator":2000,"denominatorSuppression":null,"crudeRate":{"value":9.5,"lower":8.1,"upper":11.0},"standardisedRate":{"value":9.1,"lower":7.8,"upper":10.6}},
            {"quintile":2,"numerator":null,"numeratorSuppression":"SMALL_COUNT","denominator":null,"denominatorSuppression":"SECONDARY","crudeRate":null,"standardisedRate":null},
            {"quintile":3,"numerator":120,"numeratorSuppression":null,"denominator":1800,"denominatorSuppression":null,"crudeRate":{"value":6.67,"lower":5.6,"upper":7.9},"standardisedRate":{"value":6.5,"lower":5.4,"upper":7.8}},
            {"quintile":4,"numerator":80,"numeratorSuppression":null,"denominator":1500,"denominatorSuppression":null,"crudeRate":{"value":5.33,"lower":4.3,"upper":6.6},"standardisedRate":null},
            {"quintile":5,"numerator":40,"numeratorSuppression":null,"denominator":1000,"denominatorSuppression":null,"crudeRate":{"value":4.0,"lower":2.9,"upper":5.4},"standardisedRate":{"value":4.2,"lower":3.0,"upper":5.7}}],
          "overall":{"quintile":null,"numerator":435,"numeratorSuppression":null,"denominator":6300,"denominatorSuppression":null,"crudeRate":{"value":6.9,"lower":6.3,"upper":7.6},"standardisedRate":{"value":6.8,"lower":6.2,"upper":7.5}},
          "crude":{"rateRatio":2.3751,"absoluteGap":5.5,"slopeIndex":{"value":-5.1,"lower":-7.2,"upper":-3.0},"relativeIndex":{"value":0.41,"lower":0.3,"upper":0.55}},
          "standardised":{"rateRatio":2.1667,"absoluteGap":4.9,"slopeIndex":null,"relativeIndex":null}}}}
        """;
}
