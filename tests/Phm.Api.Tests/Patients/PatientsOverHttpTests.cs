using System.Net;
using Phm.Api.Loading;

namespace Phm.Api.Tests.Patients;

/// <summary>The patient queries end to end: HTTP, the generated population of <see cref="PhmApiFactory.Population"/> patients.</summary>
[Collection(HubCollection.Name)]
public sealed class PatientsOverHttpTests(PhmApiFactory hub)
{
    [Fact]
    public async Task FirstPage_ForAClinician_CountsThePatientsOfItsPcnAndResolvesRelatedData()
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""
            {
              patients {
                totalCount
                pageInfo { hasNextPage }
                items { id age practice { code pcn { code } } lsoa { nationalQuintile } conditions { register } careFlags { kind } }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var patients = response.Json.GetProperty("data").GetProperty("patients");
        Assert.InRange(patients.GetProperty("totalCount").GetInt32(), Paging.DefaultPageSize + 1, PhmApiFactory.Population - 1);
        Assert.All(patients.GetProperty("items").EnumerateArray(),
            item => Assert.Equal(GovernanceTests.PcnA, item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()));
        Assert.Equal(Paging.DefaultPageSize, patients.GetProperty("items").GetArrayLength());
        Assert.True(patients.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task PatientsOfAPcn_PagedToTheEnd_AreAllTheRegisteredPatientsOfItsMemberPractices()
    {
        var pcn = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("query($code: String!) { pcn(code: $code) { code practices { code } } }", new { code = GovernanceTests.PcnA }))
            .Json.GetProperty("data").GetProperty("pcn");
        var memberPractices = pcn.GetProperty("practices").Strings("code").ToHashSet();

        var ids = new List<string>();
        var practices = new HashSet<string>();
        string? after = null;
        int totalCount;
        bool hasNextPage;
        do
        {
            var page = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
                "query($pcn: String, $after: String) { patients(filter: { pcn: $pcn }, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } items { id practice { code } } } }",
                new { pcn = pcn.GetProperty("code").GetString(), after })).Json.GetProperty("data").GetProperty("patients");
            var items = page.GetProperty("items");
            ids.AddRange(items.Strings("id"));
            practices.UnionWith(items.EnumerateArray().Select(i => i.GetProperty("practice").GetProperty("code").GetString()!));
            totalCount = page.GetProperty("totalCount").GetInt32();
            hasNextPage = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (hasNextPage);

        Assert.Equal(totalCount, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Subset(memberPractices, practices);
    }

    [Fact]
    public async Task Patients_WithBadArguments_AreRefusedWithCodesBeforeRunning()
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
            "query($filter: PatientFilter, $first: Int) { patients(filter: $filter, first: $first) { totalCount } }",
            new { filter = new { pcn = "U00000" }, first = 50 });

        Snapshot.Match(response.ForSnapshot());
    }
}
