using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Phm.Data.Store;

namespace Phm.Data.Risk;

/// <summary>
/// Replaces a model's scores in one transaction: its old <see cref="ScoredModel"/> row and <see cref="RiskScore"/>s go,
/// the new ones come in through the provider's bulk path (<see cref="IBulkCopy"/>). Readers see the old scores or the new,
/// never a mixture, and a failure at any point leaves the old ones as they were. The secondary indexes (by rank, by patient)
/// are dropped for the load and built once at the end, inside the transaction: updated row by row, their random inserts
/// overflow SQLite's page cache, which made a city's write three times slower (31.7 s against 8.9 s in the bench).
/// </summary>
public sealed class ScoredModelWriter(PhmDbContext db, PhaseStopwatch? phases = null)
{
    private readonly PhaseStopwatch _phases = phases ?? PhaseStopwatch.None;

    /// <param name="scores">
    /// Exactly <see cref="ScoredModel.PatientsScored"/> rows of <paramref name="model"/>'s name and version, streamed as they
    /// are written; in patient id order they append to the primary key instead of inserting at random.
    /// </param>
    public async Task ReplaceAsync(ScoredModel model, IEnumerable<RiskScore> scores, CancellationToken cancellationToken)
    {
        // A city's worth of deletes and inserts (and their index updates) outlasts an ordinary command timeout on a busy server.
        db.Database.SetCommandTimeout(0);
        var designModel = ModelDdl.DesignTimeModel(db);
        var table = PopulationRows.TableOf(designModel, typeof(RiskScore));
        var indexes = table.Indexes.ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ModelDdl.ExecuteAsync(db, designModel,
            [.. indexes.Select(index => new DropIndexOperation { Name = index.Name, Table = table.Name, Schema = table.Schema })], cancellationToken);
        await DeleteAsync(model.Name, cancellationToken);
        db.ScoredModels.Add(model);
        await db.SaveChangesAsync(cancellationToken);
        _phases.Lap("indexes dropped, previous scores deleted");

        var bulkCopy = db.CreateBulkCopy();
        var rows = new BulkRowBuffer(table,
            nameof(RiskScore.Model), nameof(RiskScore.PatientId), nameof(RiskScore.ModelVersion), nameof(RiskScore.Probability),
            nameof(RiskScore.Rank), nameof(RiskScore.Percentile), nameof(RiskScore.Tier), nameof(RiskScore.Contributions));
        var contributionsFit = designModel.FindEntityType(typeof(RiskScore))?.FindProperty(nameof(RiskScore.Contributions))?.GetMaxLength() ?? int.MaxValue;
        var written = 0;
        foreach (var score in scores)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (score.Model != model.Name || score.ModelVersion != model.Version)
                throw new ArgumentException($"A score of {score.Model} {score.ModelVersion} cannot be written as one of {model.Name} {model.Version}.", nameof(scores));
            // SQLite would store a longer text; a server refuses it.
            if (score.Contributions.Length > contributionsFit)
                throw new ArgumentException($"The contributions of {model.Name}'s score ranked {score.Rank} take {score.Contributions.Length} characters; at most {contributionsFit} fit.", nameof(scores));
            rows.Add(score.Model, score.PatientId, score.ModelVersion, score.Probability, score.Rank, score.Percentile, (int)score.Tier, score.Contributions);
            written++;
            if (rows.Rows.Count >= bulkCopy.RowsPerCopy)
                await rows.CopyAsync(bulkCopy, cancellationToken);
        }
        await rows.CopyAsync(bulkCopy, cancellationToken);
        if (written != model.PatientsScored)
            throw new ArgumentException($"{model.Name} {model.Version} says {model.PatientsScored} patients were scored, but {written} scores came.", nameof(scores));
        _phases.Lap("rows made and bulk-copied");

        // The unique index on (model, rank) is checked as it is built: ranks that repeat fail here and roll everything back.
        await ModelDdl.ExecuteAsync(db, designModel, [.. indexes.Select(CreateIndexOperation.CreateFrom)], cancellationToken);
        _phases.Lap("indexes built");
        await transaction.CommitAsync(cancellationToken);
        _phases.Lap("committed");
        db.ChangeTracker.Clear();
    }

    /// <summary>Removes a model's row and all its scores, in one transaction.</summary>
    public async Task RemoveAsync(string modelName, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DeleteAsync(modelName, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every score of the model first (whatever patients this context may read), then its row.</summary>
    private async Task DeleteAsync(string modelName, CancellationToken cancellationToken)
    {
        await db.RiskScores.IgnoreQueryFilters().Where(s => s.Model == modelName).ExecuteDeleteAsync(cancellationToken);
        await db.ScoredModels.Where(m => m.Name == modelName).ExecuteDeleteAsync(cancellationToken);
    }
}
