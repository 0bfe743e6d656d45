using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Postgres;

/// <summary>
/// PostgreSQL: <c>RiskScores</c> is list-partitioned by model (migration <c>PartitionRiskScoresByModel</c>). A model's new scores
/// are copied into a table of their own, which has no key, index or trigger to keep up row by row; then it gets the key and
/// indexes (a model's partition's, <see cref="ScorePartitionIndexes"/>), and is swapped for the model's partition: the old one
/// detached and set aside, the new one attached, which gives it the parent's foreign keys and checks each with one query over the
/// table instead of two triggers a row. The rows are therefore
/// checked exactly as the one table checked them (and <c>Patients</c> stays locked against writes, not reads, from that check to
/// the commit); the lock that readers wait for is taken only by the swap at the end, not from the first deleted row to the
/// commit: readers see the old partition until the commit, then the new one. The old partition is dropped after the commit, or,
/// where another writer's open transaction stands in the way, once none is (<see cref="TryDropSetAsideAsync"/>).
/// At 2,000,000 patients a model's replacement costs the server 2.3-2.5 times less CPU this way (README "Partitioning").
/// The table being made in the transaction, its rows are copied frozen (<see cref="Store.IBulkCopy.CopyAsync"/>): no other
/// transaction can see them before the commit, and then every row is committed, so the first readers have no page to write
/// again, no vacuum is owed after scoring (<see cref="MaintainAfterScoringAsync"/>), and ATTACH's foreign-key checks no commit
/// status to look up.
/// Models are written concurrently (<see cref="ModelsWriteConcurrently"/>): each loads and indexes a table of its own, which
/// locks nothing another model's write needs, and the swaps, which lock the parent and the referenced tables, take turns
/// (<see cref="SwapTurnAsync"/>).
/// </summary>
internal sealed class PostgresScorePartitions(PostgresPhmDbContext db) : IModelScoresReplacement
{
    /// <summary>One swap at a time in the process; across processes, scoring is one at a time under the store's preparation lock.</summary>
    private static readonly SemaphoreSlim SwapTurn = new(1, 1);

    private readonly IModel _designModel = ModelDdl.DesignTimeModel(db);
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    private ITable Table => PopulationRows.TableOf(_designModel, typeof(RiskScore));

    private string ColumnOf(string property) => Table.FindColumn(property)!.Name;

    private string ModelColumn => _sql.DelimitIdentifier(ColumnOf(nameof(RiskScore.Model)));

    public bool ModelsWriteConcurrently => true;

    /// <summary>
    /// The model's own new table, made in the writer's transaction so that the COPY may write its rows frozen. Its columns are
    /// the parent's, as <c>LIKE</c> would copy them, but read from the catalogue: <c>LIKE</c> would lock the parent until the
    /// commit, and another model's swap, which needs it alone, would wait for this whole write. Its <c>CHECK</c> on the model
    /// lets <c>ATTACH</c> skip its scan of the rows against the partition's bound; declared here, it is checked row by row as they
    /// come, not by a scan of its own after the load (0.6 s of the server's CPU a model at 2,000,000 patients). The model's name and
    /// version are the defaults of their columns for the load, the same in every row: the rows copied leave them out (two values
    /// of eight a row fewer to send and to parse), and the defaults go before the table becomes the model's partition.
    /// </summary>
    public async Task<ScoresLoadTable> PrepareAsync(RiskModelInfo model, CancellationToken cancellationToken)
    {
        var columns = await db.Database.SqlQueryRaw<string>(
            """
            SELECT string_agg(format('%I %s%s%s', attname, format_type(atttypid, atttypmod), CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END,
                CASE attname WHEN {1} THEN ' DEFAULT ' || quote_literal({2}) WHEN {3} THEN ' DEFAULT ' || quote_literal({4}) ELSE '' END), ', ' ORDER BY attnum) AS "Value"
            FROM pg_attribute WHERE attrelid = {0}::regclass AND attnum > 0 AND NOT attisdropped
            """, _sql.DelimitIdentifier(Table.Name), ColumnOf(nameof(RiskScore.Model)), model.Name, ColumnOf(nameof(RiskScore.ModelVersion)), model.Version)
            .SingleAsync(cancellationToken);
        var incoming = Incoming(model.Name);
        await ExecuteAsync(WriterSettings, cancellationToken);
        await ExecuteAsync(
            $"CREATE TABLE {_sql.DelimitIdentifier(incoming)} ({columns}, CONSTRAINT {_sql.DelimitIdentifier(ModelCheck(model.Name))} CHECK ({ModelColumn} = {ModelLiteral(model.Name)}))",
            cancellationToken);
        return new ScoresLoadTable(incoming, MadeInTransaction: true, CheckedAtSwap: true, FillsInModel: true);
    }

    /// <summary>
    /// For the writer's transaction alone (measured at 2,000,000 patients on 2 cores, README "Scaling"):
    /// <list type="bullet">
    /// <item>no parallel workers: models are written at once, each keeping a core busy, so workers for a model's index builds and
    /// its cells' count only add their own overhead (the server's CPU for a scoring 28.3 -> 24.5 s, with the memory below);</item>
    /// <item>the memory for a model's sorts and its cells' aggregate (some 100 MB), so that they do not spill to disk;</item>
    /// <item>no hash joins: the statements that join a model's new scores to other tables (its cells' count, ATTACH's check of
    /// the foreign key to <c>Patients</c>) read them by their key in patient order, and merging them with the patients in id
    /// order costs about half what hashing the 2,000,000 patients does (the cells 2.1 -> 1.2 s, ATTACH 1.6 -> 0.9 s).</item>
    /// </list>
    /// </summary>
    private const string WriterSettings = """
        SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL max_parallel_maintenance_workers = 0;
        SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL enable_hashjoin = off
        """;

    /// <summary>The key, indexes and statistics, on the model's own table: they lock nothing but it.</summary>
    public async Task IndexAsync(string modelName, CancellationToken cancellationToken)
    {
        var incoming = _sql.DelimitIdentifier(Incoming(modelName));
        // Unnamed, so that PostgreSQL names it after the table, apart from the old partition's, which is still there.
        await ExecuteAsync($"ALTER TABLE {incoming} ADD PRIMARY KEY {ScorePartitionIndexes.Key}", cancellationToken);
        // The unique index on rank is checked as it is built: ranks that repeat fail here. ATTACH takes these for the parent's
        // partitioned indexes; the partition's own (without the model) are only this table's.
        foreach (var index in ScorePartitionIndexes.Declared(_designModel).Where(index => !index.IsCoveredByKey))
            await ExecuteAsync(index.CreateOn(incoming, ofOneModel: true), cancellationToken);
        // Without statistics the planner takes a model's one value for a small share of its rows and sorts 2,000,000 of them to
        // count its cells (3.1 s at 2,000,000 patients, against 0.2 s for this and 1.2 s for the count).
        await ExecuteAsync($"ANALYZE {incoming}", cancellationToken);
    }

    public async Task<IAsyncDisposable> SwapTurnAsync(CancellationToken cancellationToken)
    {
        await SwapTurn.WaitAsync(cancellationToken);
        return new Turn();
    }

    public async Task CompleteAsync(string modelName, CancellationToken cancellationToken)
    {
        var incoming = _sql.DelimitIdentifier(Incoming(modelName));
        await RemoveAsync(modelName, cancellationToken);
        // ATTACH gives the table the parent's foreign keys and checks each with one query over it. Foreign keys added to it
        // beforehand would be checked outside the swap, but ATTACH then drops their triggers on Patients and ScoredModels, which
        // locks those exclusively while RiskScores is: a reader holding one and waiting for RiskScores deadlocks the swap.
        await ExecuteAsync($"ALTER TABLE {_sql.DelimitIdentifier(Table.Name)} ATTACH PARTITION {incoming} FOR VALUES IN ({ModelLiteral(modelName)})", cancellationToken);
        await ExecuteAsync($"ALTER TABLE {incoming} DROP CONSTRAINT {_sql.DelimitIdentifier(ModelCheck(modelName))}, "
            + $"ALTER {ModelColumn} DROP DEFAULT, ALTER {_sql.DelimitIdentifier(ColumnOf(nameof(RiskScore.ModelVersion)))} DROP DEFAULT", cancellationToken);
        await ExecuteAsync($"ALTER TABLE {incoming} RENAME TO {_sql.DelimitIdentifier(TableName("RiskScores_", modelName))}", cancellationToken);
    }

    public async Task RemoveAsync(string modelName, CancellationToken cancellationToken)
    {
        var partitions = await db.Database.SqlQueryRaw<string>(
            """
            SELECT c.relname AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = {0}::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'FOR VALUES IN (' || quote_literal({1}) || ')'
            """, _sql.DelimitIdentifier(Table.Name), modelName).ToListAsync(cancellationToken);
        foreach (var partition in partitions.Select(_sql.DelimitIdentifier))
        {
            await ExecuteAsync($"ALTER TABLE {_sql.DelimitIdentifier(Table.Name)} DETACH PARTITION {partition}", cancellationToken);
            await ExecuteAsync($"ALTER TABLE {partition} RENAME TO {_sql.DelimitIdentifier(Detached(modelName))}", cancellationToken);
        }
        // Without its partition, the model's rows can be only in the default one (written row by row, not by this writer): an
        // attach would fail on them.
        await db.RiskScores.IgnoreQueryFilters().Where(s => s.Model == modelName).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Dropping a table with foreign keys drops their triggers on <c>Patients</c> and <c>ScoredModels</c>, which locks those
    /// exclusively: done in the swap's transaction, a reader holding one of them and waiting for <c>RiskScores</c> would deadlock
    /// it. Alone, it waits for the readers of the moment and holds up new ones only while it drops.
    /// </summary>
    public Task DropSetAsideAsync(string modelName, CancellationToken cancellationToken) =>
        ExecuteAsync(DropDetached(modelName), cancellationToken);

    /// <summary>
    /// Right after a write's commit another model's writer may still be open, having read <c>Patients</c> (its cells) and about to
    /// take <c>ScoredModels</c> in its swap: a drop that waited for its locks would hold one of them exclusively while waiting for
    /// the other, and the two would deadlock. So it gives up at once (<see cref="DropLockTimeout"/>) and the table waits for
    /// <see cref="DropSetAsideAsync"/>. Its rows are freed first, though, by a <c>TRUNCATE</c>, which locks that table alone (no
    /// other is touched: nothing references it), so another writer neither holds it up nor is held up by it: freeing the files
    /// of 2,000,000 scores is most of a drop's time (0.4-0.5 s of 0.4-0.6 s), and a drop left for later is then of an empty table.
    /// </summary>
    public async Task<bool> TryDropSetAsideAsync(string modelName, CancellationToken cancellationToken)
    {
        var detached = _sql.DelimitIdentifier(Detached(modelName));
        var setAside = await db.Database.SqlQueryRaw<bool>("""SELECT to_regclass({0}) IS NOT NULL AS "Value" """, detached).SingleAsync(cancellationToken);
        return !setAside
            || (await TryWithoutWaitingAsync($"TRUNCATE {detached}", cancellationToken) && await TryWithoutWaitingAsync(DropDetached(modelName), cancellationToken));
    }

    /// <summary>Runs <paramref name="sql"/> in a transaction of its own that waits for no lock held elsewhere; false, and nothing done, if it would have.</summary>
    private async Task<bool> TryWithoutWaitingAsync(string sql, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync($"SET LOCAL lock_timeout = '{DropLockTimeout}'", cancellationToken);
            await ExecuteAsync(sql, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException locked) when (locked.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
    }

    /// <summary>Under PostgreSQL's <c>deadlock_timeout</c> (1 s), so that the drop gives way before either side is failed as a deadlock.</summary>
    private const string DropLockTimeout = "100ms";

    private string DropDetached(string modelName) => $"DROP TABLE IF EXISTS {_sql.DelimitIdentifier(Detached(modelName))}";

    /// <summary>
    /// Each model's new partition was copied frozen (its pages all-visible) and analysed by its writer, so only the parent's own
    /// statistics are left: those of all the models' scores together (<c>pg_stats.inherited</c>), which the planner uses to
    /// estimate a join of the scores with another table. An <c>ANALYZE</c> of the parent in PostgreSQL 15 analyses every
    /// partition again (1.0-1.4 s at 2,000,000 patients, the scoring's last step), and a rescoring of the same models hardly moves
    /// what the parent's statistics hold: the patients' ids are as many and as distinct, ranks and tiers the same shares. So the
    /// parent is analysed only when it never was, when its rows as last analysed are off by more than <see cref="StatisticsDrift"/>
    /// from its partitions' (a model added or removed, the population grown or shrunk), or when a model's version is not among
    /// the versions its statistics hold (a new version's scores: its probabilities spread otherwise, and a plan that estimates
    /// a version's rows would find none).
    /// </summary>
    public async Task<bool> MaintainAfterScoringAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<ParentRows>(
            """
            SELECT p.reltuples::float8 AS "AsAnalysed", coalesce((SELECT sum(c.reltuples::float8) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = p.oid AND c.reltuples > 0), 0) AS "InPartitions"
            FROM pg_class p WHERE p.oid = {0}::regclass
            """, _sql.DelimitIdentifier(Table.Name)).SingleAsync(cancellationToken);
        if (rows.AsAnalysed >= 0 && Math.Abs(rows.InPartitions - rows.AsAnalysed) <= StatisticsDrift * rows.InPartitions
            && await StatisticsHoldEveryVersionAsync(cancellationToken))
            return false;
        db.Database.SetCommandTimeout(0);
        await ExecuteAsync($"ANALYZE {_sql.DelimitIdentifier(Table.Name)}", cancellationToken);
        return true;
    }

    /// <summary>
    /// Whether every scored model's version is among the most common values of the parent's statistics of the versions: every
    /// model scores the whole population, so each version holds a share of the rows, and the last <c>ANALYZE</c> saw it.
    /// </summary>
    private async Task<bool> StatisticsHoldEveryVersionAsync(CancellationToken cancellationToken)
    {
        var analysed = await db.Database.SqlQueryRaw<string[]>(
            """
            SELECT most_common_vals::text::text[] AS "Value" FROM pg_stats
            WHERE schemaname = current_schema() AND tablename = {0} AND attname = {1} AND inherited
            """, Table.Name, ColumnOf(nameof(RiskScore.ModelVersion))).ToListAsync(cancellationToken);
        var versions = await db.ScoredModels.Select(m => m.Version).Distinct().ToListAsync(cancellationToken);
        return versions.All(version => analysed.Any(held => held.Contains(version, StringComparer.Ordinal)));
    }

    /// <summary>The share of the scores' rows by which the parent's statistics may lag before they are taken again.</summary>
    private const double StatisticsDrift = 0.1;

    /// <summary>The parent's rows when it was last analysed (below 0 if never), and its partitions' as each was last analysed.</summary>
    private sealed record ParentRows(double AsAnalysed, double InPartitions);

    /// <summary>A model's new scores, loaded and indexed before the swap.</summary>
    private static string Incoming(string modelName) => TableName("RiskScores_incoming_", modelName);

    /// <summary>A model's old partition, detached by the swap and dropped after it (<see cref="DropSetAsideAsync"/>).</summary>
    private static string Detached(string modelName) => TableName("RiskScores_detached_", modelName);

    /// <summary>The new table's <c>CHECK</c> on the model: ATTACH checks the rows against the partition's bound only where no constraint already implies it.</summary>
    private static string ModelCheck(string modelName) => TableName("RiskScores_model_", modelName);

    /// <summary>
    /// A model's table (or constraint), as the migration names partitions where that fits PostgreSQL's 63 bytes. A longer name
    /// would be cut, and two models (names up to 64 characters) sharing their first characters would then collide and fail the
    /// rename, so it is cut here and made unique with a hash of the whole name. Only uniqueness matters: a model's partition is
    /// found by its bound (<see cref="RemoveAsync"/>), never by its name.
    /// </summary>
    private static string TableName(string prefix, string modelName)
    {
        const int maxBytes = 63;
        var name = prefix + modelName;
        if (Encoding.UTF8.GetByteCount(name) <= maxBytes)
            return name;
        var hash = $"_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelName)))[..12]}";
        var kept = name;
        while (Encoding.UTF8.GetByteCount(kept) + hash.Length > maxBytes)
            kept = kept[..^1];
        return kept + hash;
    }

    private string ModelLiteral(string modelName) => db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(string))!.GenerateSqlLiteral(modelName);

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(sql, cancellationToken);

    private sealed class Turn : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            SwapTurn.Release();
            return ValueTask.CompletedTask;
        }
    }
}
