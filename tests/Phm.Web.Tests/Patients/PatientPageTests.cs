using Microsoft.Extensions.DependencyInjection;
using Phm.Web.Hub;

namespace Phm.Web.Tests.Patients;

public sealed class PatientPageTests : BunitContext
{
    private const string PatientId = "3ba7ad0ba490f2ab4840b7ca5298049b";
    private readonly FakeHub _hub = new();

    public PatientPageTests() => Services.AddSingleton<IPhmHub>(_hub);

    [Fact]
    public void Summary_ShowsRegistersWithOnset_CareFlags_AndActivityNewestFirst()
    {
        var page = RenderPatient("PatientSummary.json");

        var registers = page.FindAll("#registers-heading ~ table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Coronary heart disease" + "Diagnosis" + "2 Jun 2005", registers);
        Assert.Contains("Heart failure" + "Diagnosis" + "12 Mar 2010", registers);
        Assert.Equal(["Carer, recorded 18 Aug 2017"], page.FindAll("#flags-heading ~ ul li").Select(li => li.TextContent));
        Assert.Equal(25, page.FindAll("#activity-heading ~ table tbody tr").Count);
        Assert.Contains("newest first (25 of 254)", page.Find("#activity-heading ~ table caption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowAll_ListsEveryContact()
    {
        var page = RenderPatient("PatientSummary.json");

        page.Find("#activity-heading ~ button").Click();

        Assert.Equal(254, page.FindAll("#activity-heading ~ table tbody tr").Count);
    }

    [Fact]
    public void RiskScores_NameTheirOutcome_Tier_AndTopContributionsInWords()
    {
        var page = RenderPatient("PatientSummary.json");

        var risk = page.Find("#risk-heading").ParentElement!;
        Assert.Equal(
            ["At least one emergency admission in the 12 months after the index date", "Death in the 12 months after the index date"],
            risk.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.Contains("Very high tier: probability 95.9%, in the highest 0.1% of the patients the model scored.", risk.Words(), StringComparison.Ordinal);
        Assert.Equal("23 A&E attendances in the last 24 months (raises the risk)", risk.QuerySelector("ol li")!.TextContent);
    }

    [Fact]
    public void AnotherPcnsPatient_IsNotFoundOrNotYours_FromTheHubsRefusal()
    {
        var page = RenderPatient("PatientSummary.OtherPcn.json");

        Assert.Contains("Not found or not yours", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("table"));
        Assert.Equal($$"""{"id":"{{PatientId}}"}""", Assert.Single(_hub.VariablesOf("PatientSummary")).GetRawText());
    }

    private IRenderedComponent<Web.Patients.PatientPage> RenderPatient(string recorded)
    {
        _hub.AnswerRecorded("PatientSummary", recorded);
        return Render<Web.Patients.PatientPage>(parameters => parameters.Add(p => p.Id, PatientId));
    }
}
