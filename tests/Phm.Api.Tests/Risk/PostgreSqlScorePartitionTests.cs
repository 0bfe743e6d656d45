using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Phm.Data.Risk;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.TestRiskScores;

namespace Phm.Api.Tests.Risk;

/// <summary>
/// On PostgreSQL a model's scores, as the scores' writer stores them, are a partition of their own whose rank and tier indexes
/// leave the model out (it is the partition's one value), whose tier index holds only the tiers above Low, and whose key, led by
/// the patient, holds the tier and probability too (it stands for two of the EF model's indexes). Pages by risk and criteria on
/// tiers, the Low tier's among them, read them as the hub on SQLite reads its one table: the test hub's scores are written again through the writer twice, the second time swapping the model's
/// partition for a new one, as every scoring after the first does.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class PostgreSqlScorePartitionTests(PhmApiFactory sqlite, PostgresHub server) : IClassFixture<PostgresHub>
{
    private const string PagesByRisk = $$"""
        query($after: String, $tiers: [RiskTier!]) {
          patients(first: 10, after: $after, orderBy: RISK_DESC, filter: { risk: { model: "{{Admission}}", tiers: $tiers } }) {
            totalCount
            pageInfo { endCursor }
            edges { node { id risk(model: "{{Admission}}") { probability percentile tier } } }
          }
        }
        """;

    [SkippableFact]
    public async Task AModelScoredTwice_HasItsRankAndTierIndexesWithoutTheModel_AndIsPagedByRiskAsOnSqlite()
    {
        var hub = server.Hub;
        await ReadAsync(hub);
        var store = hub.Services.GetRequiredService<PhmStore>();

        await ScoreAgainAsync(store, Admission);
        await ScoreAgainAsync(store, Admission);

        Assert.Equal(
        [
            "CREATE INDEX <name> ON public.<partition> USING btree (\"Tier\", \"PatientId\") INCLUDE (\"Model\") WHERE (\"Tier\" < 4)",
            "CREATE UNIQUE INDEX <name> ON public.<partition> USING btree (\"PatientId\", \"Model\") INCLUDE (\"Tier\", \"Probability\")",
            "CREATE UNIQUE INDEX <name> ON public.<partition> USING btree (\"Rank\")",
        ], await IndexesOfPartitionAsync(store, Admission));
        var onServer = await ReadAsync(hub);
        var onSqlite = await ReadAsync(sqlite);
        Assert.Equal(onSqlite, onServer);
        Assert.Equal(await ReadAsync(sqlite, LowTier), await ReadAsync(hub, LowTier));
        var probabilities = onServer.SelectMany(page => JsonDocument.Parse(page).RootElement.GetProperty("data").GetProperty("patients").GetProperty("edges").EnumerateArray())
            .Select(edge => edge.GetProperty("node").GetProperty("risk").GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(20, probabilities.Count);
        Assert.Equal(probabilities.OrderDescending(), probabilities);
    }

    private static readonly string[] HighestTiers = ["VERY_HIGH", "HIGH"];
    private static readonly string[] LowTier = ["LOW"];

    /// <summary>The first two pages, highest risk first, of a clinician's patients in the given tiers (by default the two highest).</summary>
    private static async Task<IReadOnlyList<string>> ReadAsync(PhmApiFactory hub, string[]? tiers = null)
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnA);
        tiers ??= HighestTiers;
        var first = await clinician.PostGraphQLAsync(PagesByRisk, new { after = (string?)null, tiers });
        var cursor = first.Json.GetProperty("data").GetProperty("patients").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = await clinician.PostGraphQLAsync(PagesByRisk, new { after = cursor, tiers });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        return [first.Body, second.Body];
    }

    /// <summary>The model's scores as they are, written again by the scores' writer (in patient order, as the scorer writes them).</summary>
    private static async Task ScoreAgainAsync(PhmStore store, string modelName)
    {
        await using var db = store.CreateContext();
        var model = await db.ScoredModels.AsNoTracking().SingleAsync(m => m.Name == modelName);
        var scores = await db.RiskScores.AsNoTracking().Where(s => s.Model == modelName).OrderBy(s => s.PatientId).ToListAsync();
        await new ScoredModelWriter(db).ReplaceAsync(model, scores, CancellationToken.None);
    }

    /// <summary>The definitions of the indexes on the model's partition, in order, its name and theirs replaced by placeholders.</summary>
    private static async Task<IReadOnlyList<string>> IndexesOfPartitionAsync(PhmStore store, string modelName)
    {
        await using var db = store.CreateContext();
        var definitions = await db.Database.SqlQueryRaw<string>(
            """
            SELECT replace(replace(pg_get_indexdef(x.indexrelid), quote_ident(ci.relname), '<name>'), quote_ident(c.relname), '<partition>') AS "Value"
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_index x ON x.indrelid = c.oid JOIN pg_class ci ON ci.oid = x.indexrelid
            WHERE i.inhparent = '"RiskScores"'::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'FOR VALUES IN (' || quote_literal({0}) || ')'
            """, modelName).ToListAsync();
        return [.. definitions.Order(StringComparer.Ordinal)];
    }
}
