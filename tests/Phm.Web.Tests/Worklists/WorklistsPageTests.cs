using Microsoft.Extensions.DependencyInjection;
using Phm.Web.Hub;
using Phm.Web.Worklists;

namespace Phm.Web.Tests.Worklists;

public sealed class WorklistsPageTests : BunitContext
{
    private readonly FakeHub _hub = new();

    public WorklistsPageTests() => Services.AddSingleton<IPhmHub>(_hub);

    [Fact]
    public void ListsThePcnsCohorts_BuiltInFirst_EachLinkingToItsWorklist()
    {
        _hub.Answer("WorklistCohorts", """
            {"data":{"cohorts":[
              {"id":"our-frail","name":"A saved list","description":null,"builtIn":false,"version":3,"pcn":null,"latestEvaluation":{"count":12,"evaluatedAt":"2026-11-30T09:00:00+00:00"}},
              {"id":"bitterne-hiu-heart-failure","name":"High intensity users of urgent care with heart failure","description":"Alive, with heart failure.","builtIn":true,"version":1,"pcn":null,"latestEvaluation":null}]}}
            """);

        var page = Render<WorklistsPage>();

        var rows = page.FindAll("tbody tr");
        Assert.Equal(["worklists/bitterne-hiu-heart-failure", "worklists/our-frail"], rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")));
        Assert.Contains("not reviewed yet", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Saved, version 3", rows[1].TextContent, StringComparison.Ordinal);
    }
}
