using Microsoft.Extensions.DependencyInjection;
using Phm.Web.Hub;
using Phm.Web.Segmentation;

namespace Phm.Web.Tests.Segmentation;

public sealed class SegmentationPageTests : BunitContext
{
    private readonly FakeHub _hub = new();

    public SegmentationPageTests()
    {
        Services.AddSingleton<IPhmHub>(_hub);
        _hub.Answer("AnalysisPcns", """{"data":{"pcns":[{"code":"U97340","name":"BITTERNE PCN"}]}}""");
        _hub.Answer("SegmentationMatrix", """
            {"data":{"segmentation":{
              "groups":[{"ageBand":null,"sex":"FEMALE","nationalQuintile":null,"localQuintile":null,"pcn":null,"practice":null,"patients":1500,"suppression":null}],
              "cells":[
                {"ageBand":null,"sex":"FEMALE","nationalQuintile":null,"localQuintile":null,"pcn":null,"practice":null,"segment":"HEALTHY","patients":900,"ratePerThousand":600.0,"suppression":null},
                {"ageBand":null,"sex":"FEMALE","nationalQuintile":null,"localQuintile":null,"pcn":null,"practice":null,"segment":"INCURABLE_CANCER_AND_END_OF_LIFE","patients":null,"ratePerThousand":null,"suppression":"SMALL_COUNT"},
                {"ageBand":null,"sex":"FEMALE","nationalQuintile":null,"localQuintile":null,"pcn":null,"practice":null,"segment":"DISABILITY","patients":0,"ratePerThousand":0.0,"suppression":null}]}}}
            """);
    }

    [Fact]
    public void EachRowIsAGroup_AndEachCellItsCountAndRate_ASuppressedCellSayingSo()
    {
        this.SignInAs("analyst");

        var page = Render<SegmentationPage>();

        var row = page.WaitForElement("[data-testid=segmentation-matrix] tbody tr");
        Assert.Equal("Female", row.QuerySelector("th")!.TextContent);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim().Replace("\n", " ", StringComparison.Ordinal)).ToList();
        Assert.Equal("1,500", cells[0]);
        Assert.StartsWith("900", cells[1], StringComparison.Ordinal);
        Assert.Contains("(600.0)", cells[1], StringComparison.Ordinal);
        Assert.StartsWith("0", cells[6], StringComparison.Ordinal); // a true zero (DISABILITY) stays a zero
        Assert.Equal("suppressed (fewer than 8)", cells[8]); // INCURABLE_CANCER_AND_END_OF_LIFE, withheld
        Assert.Equal("""{"by":["AGE_BAND"],"pcn":null}""", _hub.VariablesOf("SegmentationMatrix").Single().GetRawText());
    }

    [Fact]
    public void ChoosingRowsAndAPcn_AsksForThatSegmentation()
    {
        this.SignInAs("analyst");
        var page = Render<SegmentationPage>();
        page.WaitForElement("[data-testid=segmentation-matrix]");

        page.Find("#segmentation-by").Change("SEX");
        page.Find("#segmentation-pcn").Change("U97340");

        Assert.Equal("""{"by":["SEX"],"pcn":"U97340"}""", _hub.VariablesOf("SegmentationMatrix").Last().GetRawText());
    }
}
