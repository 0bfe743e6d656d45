using System.Buffers.Text;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Patients;
using Phm.Data.Patients;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;
using static Phm.Api.Tests.Support.TestRiskScores;

namespace Phm.Api.Tests.Patients;

/// <summary>
/// A RISK_DESC page is read from the few matching patients' own scores or along the model's rank index, whichever is cheaper
/// (<see cref="PatientPages"/>), told the number of patients first or not: every read gives the same patients, cursors, page
/// info and total, page after page.
/// </summary>
public sealed class RiskPageReadsTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    public static TheoryData<string> Filters => ["every patient", "practice Alpha", "not practice Alpha"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task PagesOfTwo_FromTheFewPatientsOrAlongTheRankIndex_AreTheSame_HighestRiskFirst(string filter)
    {
        var byTheirScores = await PagesAsync(filter, fewPatients: 1_000);
        var alongTheRankIndex = await PagesAsync(filter, fewPatients: 0);

        Assert.Equal(byTheirScores, alongTheRankIndex);
        Assert.Equal(byTheirScores, await PagesAsync(filter, fewPatients: 1_000, totalFirst: true));
        Assert.Equal(byTheirScores, await PagesAsync(filter, fewPatients: 0, totalFirst: true));
        Assert.Equal(await ExpectedAsync(filter), string.Join(" ", byTheirScores.Select(p => p.Edges)));
        Assert.Equal([false, .. Enumerable.Repeat(true, byTheirScores.Count - 1)], byTheirScores.Select(p => p.HasPreviousPage));
        Assert.Equal([.. Enumerable.Repeat(true, byTheirScores.Count - 1), false], byTheirScores.Select(p => p.HasNextPage));
    }

    /// <summary>A page as a client sees it; its edges each as the patient's id and the edge's cursor, in order.</summary>
    private sealed record Page(string Edges, bool HasPreviousPage, bool HasNextPage, int? TotalCount);

    private static string Edge(string id, string cursor) => $"{id}@{cursor}";

    private static IQueryable<Patient> Filtered(PhmDbContext db, string filter) => filter switch
    {
        "practice Alpha" => db.Patients.Where(p => p.PracticeCode == Alpha),
        "not practice Alpha" => db.Patients.Where(p => p.PracticeCode != Alpha),
        _ => db.Patients,
    };

    /// <summary>The pages one after another; with <paramref name="totalFirst"/>, each page given the number of patients to read first.</summary>
    private async Task<List<Page>> PagesAsync(string filter, int fewPatients, bool totalFirst = false)
    {
        await using var db = fixture.OpenContext();
        var pages = new List<Page>();
        string? after = null;
        do
        {
            var patients = Filtered(db, filter).AsNoTracking();
            var connection = await PatientPages.PageByRiskAsync(patients, db, Admission, 2, after, countTotal: true, fewPatients, CancellationToken.None,
                totalFirst ? patients.CountAsync : null);
            pages.Add(new Page(string.Join(" ", connection.Edges!.Select(e => Edge(e.Node!.Pseudonym, e.Cursor!))), connection.PageInfo!.HasPreviousPage, connection.PageInfo.HasNextPage, connection.TotalCount));
            after = connection.PageInfo.EndCursor;
        }
        while (pages[^1].HasNextPage);
        return pages;
    }

    /// <summary>The filtered patients with a score, by the model's rank read straight from the scores, each with the cursor of its rank.</summary>
    private async Task<string> ExpectedAsync(string filter)
    {
        await using var db = fixture.OpenContext();
        var ranked = await Filtered(db, filter).Join(db.RiskScores.Where(s => s.Model == Admission), p => p.Id, s => s.PatientId, (p, s) => new { p.Pseudonym, s.Rank })
            .OrderBy(r => r.Rank).ToListAsync();
        Assert.NotEmpty(ranked);
        return string.Join(" ", ranked.Select(r => Edge(r.Pseudonym, Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"patient-risk:{Admission}:{r.Rank}")))));
    }
}
