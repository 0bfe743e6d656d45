using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Phm.Data.Store;

namespace Phm.Data.Risk;

/// <summary>
/// SQLite and SQL Server: the model's old rows are deleted from the one <c>RiskScores</c> table and the new ones copied in. The
/// secondary indexes (by rank, by patient) are dropped for the load and built once at the end, inside the transaction: updated row
/// by row, their random inserts overflow SQLite's page cache, which made a city's write three times slower (31.7 s against 8.9 s
/// in the bench).
/// </summary>
internal sealed class ScoresReplacedInPlace(PhmDbContext db) : IModelScoresReplacement
{
    private readonly IModel _designModel = ModelDdl.DesignTimeModel(db);

    private ITable Table => PopulationRows.TableOf(_designModel, typeof(RiskScore));

    /// <summary>Writes one model at a time: the models share the table and its indexes, dropped and built again by each.</summary>
    public bool ModelsWriteConcurrently => false;

    public async Task<ScoresLoadTable> PrepareAsync(RiskModelInfo model, CancellationToken cancellationToken)
    {
        await ModelDdl.ExecuteAsync(db, _designModel,
            [.. Table.Indexes.Select(index => new DropIndexOperation { Name = index.Name, Table = Table.Name, Schema = Table.Schema })], cancellationToken);
        await RemoveAsync(model.Name, cancellationToken);
        return new ScoresLoadTable(Table.Name, MadeInTransaction: false, CheckedAtSwap: false);
    }

    /// <summary>The unique index on (model, rank) is checked as it is built: ranks that repeat fail here.</summary>
    public Task IndexAsync(string modelName, CancellationToken cancellationToken) =>
        ModelDdl.ExecuteAsync(db, _designModel, [.. Table.Indexes.Select(CreateIndexOperation.CreateFrom)], cancellationToken);

    /// <summary>No turn to wait for: models are written one at a time (<see cref="ModelsWriteConcurrently"/>).</summary>
    public Task<IAsyncDisposable> SwapTurnAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoTurn.Instance);

    /// <summary>What the provider does after any bulk load (<see cref="BulkLoadMaintenance"/>): nothing on SQLite and SQL Server.</summary>
    public Task<bool> MaintainAfterScoringAsync(CancellationToken cancellationToken) => BulkLoadMaintenance.AfterCommitAsync(db, [Table.Name], cancellationToken);

    /// <summary>The rows are in place once copied and indexed.</summary>
    public Task CompleteAsync(string modelName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(string modelName, CancellationToken cancellationToken) =>
        db.RiskScores.IgnoreQueryFilters().Where(s => s.Model == modelName).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Nothing is set aside: the old rows are deleted in the transaction.</summary>
    public Task DropSetAsideAsync(string modelName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TryDropSetAsideAsync(string modelName, CancellationToken cancellationToken) => Task.FromResult(true);

    private sealed class NoTurn : IAsyncDisposable
    {
        public static readonly NoTurn Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
