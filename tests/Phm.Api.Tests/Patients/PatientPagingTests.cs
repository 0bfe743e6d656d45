using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Patients;

public sealed class PatientPagingTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    private const string Page = """
        query($first: Int, $after: String) {
          patients(first: $first, after: $after) {
            totalCount
            edges { cursor node { id } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    [Fact]
    public async Task Patients_PagedTwoAtATime_VisitEveryPatientOnceInIdOrder()
    {
        var pages = new List<JsonElement>();
        string? after = null;
        do
        {
            var response = await fixture.Host.ExecuteAsync(Page, new { first = 2, after });
            pages.Add(response.Data.GetProperty("patients"));
            after = pages[^1].GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (pages[^1].GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        Assert.Equal([Bob, Dan, Fin, Cat, Eve, Ann, Gus], pages.SelectMany(p => p.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString())));
        Assert.All(pages, p => Assert.Equal(7, p.GetProperty("totalCount").GetInt32()));
        Assert.Equal([false, true, true, true], pages.Select(p => p.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean()));
    }

    [Fact]
    public async Task Patients_FirstZero_GiveOnlyTheCount()
    {
        var response = await fixture.Host.ExecuteAsync(Page, new { first = 0 });

        var patients = response.Data.GetProperty("patients");
        Assert.Equal(7, patients.GetProperty("totalCount").GetInt32());
        Assert.Empty(patients.GetProperty("edges").EnumerateArray());
        Assert.True(patients.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(JsonValueKind.Null, patients.GetProperty("pageInfo").GetProperty("endCursor").ValueKind);
    }

    [Fact]
    public async Task Patients_WithFirstNull_GetTheDefaultPageSize()
    {
        var response = await fixture.Host.ExecuteAsync(Page, new { first = (int?)null });

        Assert.Equal(7, response.Data.GetProperty("patients").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task Cursor_OfAnEdge_CarriesThePseudonymNotTheInternalId()
    {
        var response = await fixture.Host.ExecuteAsync(Page, new { first = 1 });

        var cursor = response.Data.GetProperty("patients").GetProperty("edges")[0].GetProperty("cursor").GetString()!;
        Assert.Equal($"patient:{Bob}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)));
    }

    [Fact]
    public async Task Patients_WithoutTotalCount_SkipTheCountQuery()
    {
        fixture.Host.Commands.Reset();

        await fixture.Host.ExecuteAsync("{ patients(first: 2) { items { id } } }");

        Assert.DoesNotContain(fixture.Host.Commands.Commands, sql => sql.Contains("COUNT(", StringComparison.Ordinal));
    }
}
