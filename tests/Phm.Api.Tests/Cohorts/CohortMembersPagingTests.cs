using Microsoft.EntityFrameworkCore;

namespace Phm.Api.Tests.Cohorts;

/// <summary>A cohort's members a page at a time, in id or risk order, over the hand-made population (<see cref="SampleData"/>).</summary>
public sealed class CohortMembersPagingTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Theory]
    [InlineData("orderBy: ID")]
    [InlineData("orderBy: RISK_DESC")]
    [InlineData("orderBy: RISK_DESC, model: \"mortality-12m\"")]
    public async Task PagesOfTwo_WalkEveryMemberOnce_InTheOrderAsked(string order)
    {
        List<string> ids = [];
        string? after = null;
        bool hasNextPage;
        do
        {
            var page = (await fixture.Host.ExecuteAsync(
                    $"query($after: String) {{ evaluateCohort(criteria: {{ alive: true }}) {{ members(first: 2, after: $after, {order}) {{ pageInfo {{ hasNextPage endCursor }} items {{ patient {{ id }} }} }} }} }}",
                    new { after }))
                .Data.GetProperty("evaluateCohort").GetProperty("members");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("patient").GetProperty("id").GetString()!));
            hasNextPage = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (hasNextPage);

        Assert.Equal(await ExpectedOrderAsync(order), ids);
    }

    [Theory]
    [InlineData("orderBy: ID")]
    [InlineData("orderBy: RISK_DESC")]
    public async Task TheCountBesideAPageOfMembers_IsTheCountAskedAlone_AndThePagesTotal(string order)
    {
        const string Criteria = "criteria: { alive: true }";
        var alone = (await fixture.Host.ExecuteAsync($"{{ evaluateCohort({Criteria}) {{ count }} }}")).Data.GetProperty("evaluateCohort");
        var withPage = (await fixture.Host.ExecuteAsync(
                $"{{ evaluateCohort({Criteria}) {{ count members(first: 1, {order}) {{ totalCount items {{ patient {{ id }} }} }} }} }}"))
            .Data.GetProperty("evaluateCohort");

        Assert.True(alone.GetProperty("count").GetInt32() > 1, "the criteria hold for more than one page");
        Assert.Equal(alone.GetProperty("count").GetInt32(), withPage.GetProperty("count").GetInt32());
        Assert.Equal(alone.GetProperty("count").GetInt32(), withPage.GetProperty("members").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("orderBy: RISK_DESC", true)]
    [InlineData("orderBy: ID", false)]
    public async Task AFewMembersIds_AreReadOnceForTheCountAndAPageByRisk_ButNotBesideAPageInIdOrder(string order, bool idsReadFirst)
    {
        fixture.Host.Commands.Reset();

        await fixture.Host.ExecuteAsync($"{{ evaluateCohort(criteria: {{ alive: true }}) {{ count members(first: 1, {order}) {{ totalCount items {{ patient {{ id }} }} }} }} }}");

        var statements = fixture.Host.Commands.DataCommands;
        // The ids are read sorted by a key no index holds (the id plus 0), so that every member is found; a count is a COUNT.
        Assert.Equal(idsReadFirst, statements.Any(sql => sql.Contains("+ 0", StringComparison.Ordinal)));
        Assert.Equal(!idsReadFirst, statements.Any(sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The six living patients by pseudonym, or by the model's rank read straight from the scores.</summary>
    private async Task<List<string>> ExpectedOrderAsync(string order)
    {
        await using var db = fixture.OpenContext();
        if (order == "orderBy: ID")
            return [SampleData.Bob, SampleData.Dan, SampleData.Fin, SampleData.Cat, SampleData.Eve, SampleData.Ann];
        var model = order.Contains("mortality", StringComparison.Ordinal) ? TestRiskScores.Mortality : TestRiskScores.Admission;
        return await db.RiskScores.Where(s => s.Model == model).OrderBy(s => s.Rank)
            .Join(db.Patients, s => s.PatientId, p => p.Id, (s, p) => p.Pseudonym).ToListAsync();
    }
}
