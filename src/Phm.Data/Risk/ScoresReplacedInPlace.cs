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

    public async Task<ScoresLoadTable> PrepareAsync(string modelName, CancellationToken cancellationToken)
    {
        await ModelDdl.ExecuteAsync(db, _designModel,
            [.. Table.Indexes.Select(index => new DropIndexOperation { Name = index.Name, Table = Table.Name, Schema = Table.Schema })], cancellationToken);
        await RemoveAsync(modelName, cancellationToken);
        return new ScoresLoadTable(Table.Name, MadeInTransaction: false);
    }

    /// <summary>The unique index on (model, rank) is checked as it is built: ranks that repeat fail here.</summary>
    public Task CompleteAsync(string modelName, CancellationToken cancellationToken) =>
        ModelDdl.ExecuteAsync(db, _designModel, [.. Table.Indexes.Select(CreateIndexOperation.CreateFrom)], cancellationToken);

    public Task RemoveAsync(string modelName, CancellationToken cancellationToken) =>
        db.RiskScores.IgnoreQueryFilters().Where(s => s.Model == modelName).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Nothing is set aside: the old rows are deleted in the transaction.</summary>
    public Task DropSetAsideAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
