using Microsoft.EntityFrameworkCore;
using Phm.Data.Aggregates;
using Phm.Data.Store;

namespace Phm.Data.Risk;

/// <summary>
/// Replaces a model's scores in one transaction: its <see cref="ScoredModel"/> row is updated and its <see cref="RiskScore"/>s
/// replaced, the new ones coming in through the provider's bulk path (<see cref="IBulkCopy"/>) and put in the old ones' place
/// the provider's way (<see cref="IModelScoresReplacement"/>), and the model's kept cells (<see cref="KeptCells"/>) counted again. Readers see the old scores or the new, never a mixture, and a
/// failure at any point leaves the old ones as they were. Where the provider allows (<see cref="ModelsWriteConcurrently"/>),
/// writers of different models may run at once, each with a context of its own; they take turns only to put their scores in place.
/// </summary>
public sealed class ScoredModelWriter(PhmDbContext db, PhaseStopwatch? phases = null)
{
    private readonly PhaseStopwatch _phases = phases ?? PhaseStopwatch.None;

    /// <summary>Whether writers of different models may run at once on <paramref name="db"/>'s provider.</summary>
    public static bool ModelsWriteConcurrently(PhmDbContext db) => db.CreateScoresReplacement().ModelsWriteConcurrently;

    /// <param name="scores">
    /// Exactly <see cref="ScoredModel.PatientsScored"/> rows of <paramref name="model"/>'s name and version, streamed as they
    /// are written; in patient id order they append to the primary key instead of inserting at random.
    /// </param>
    public async Task ReplaceAsync(ScoredModel model, IEnumerable<RiskScore> scores, CancellationToken cancellationToken)
    {
        // A city's worth of deletes and inserts (and their index updates) outlasts an ordinary command timeout on a busy server.
        db.Database.SetCommandTimeout(0);
        var designModel = ModelDdl.DesignTimeModel(db);
        var replacement = db.CreateScoresReplacement();
        await replacement.DropSetAsideAsync(model.Name, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var into = await replacement.PrepareAsync(model, cancellationToken);
        // Rows copied into the scores' own table are checked against the model's row as they come.
        if (!into.CheckedAtSwap)
            await SaveModelAsync(model, cancellationToken);
        _phases.Lap("made way for the scores");

        // Each column copied with its value in a score; where the table fills in the model's name and version, the rows leave them out.
        (string Column, Func<RiskScore, object?> Value)[] copied =
        [
            .. into.FillsInModel ? [] : ModelColumns,
            (nameof(RiskScore.PatientId), s => s.PatientId), (nameof(RiskScore.Probability), s => s.Probability), (nameof(RiskScore.Rank), s => s.Rank),
            (nameof(RiskScore.Percentile), s => s.Percentile), (nameof(RiskScore.Tier), s => (int)s.Tier), (nameof(RiskScore.Contributions), s => s.Contributions),
        ];
        var scoreColumns = new BulkColumns(PopulationRows.TableOf(designModel, typeof(RiskScore)), [.. copied.Select(c => c.Column)])
        {
            Into = into.Name,
        };
        var contributionsFit = designModel.FindEntityType(typeof(RiskScore))?.FindProperty(nameof(RiskScore.Contributions))?.GetMaxLength() ?? int.MaxValue;
        var written = 0;
        IEnumerable<object?[]> Rows()
        {
            foreach (var score in scores)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (score.Model != model.Name || score.ModelVersion != model.Version)
                    throw new ArgumentException($"A score of {score.Model} {score.ModelVersion} cannot be written as one of {model.Name} {model.Version}.", nameof(scores));
                // SQLite would store a longer text; a server refuses it.
                if (score.Contributions.Length > contributionsFit)
                    throw new ArgumentException($"The contributions of {model.Name}'s score ranked {score.Rank} take {score.Contributions.Length} characters; at most {contributionsFit} fit.", nameof(scores));
                written++;
                var row = new object?[copied.Length];
                for (var i = 0; i < row.Length; i++)
                    row[i] = copied[i].Value(score);
                yield return row;
            }
        }
        // Made as they are copied, in one go where the provider streams (IBulkCopy.CopyAllAsync).
        await scoreColumns.CopyAllAsync(db.CreateBulkCopy(), Rows(), into.MadeInTransaction, cancellationToken);
        if (written != model.PatientsScored)
            throw new ArgumentException($"{model.Name} {model.Version} says {model.PatientsScored} patients were scored, but {written} scores came.", nameof(scores));
        _phases.Lap("rows made and bulk-copied");
        await replacement.IndexAsync(model.Name, cancellationToken);
        _phases.Lap("scores indexed");
        await KeptCells.RefreshModelAsync(db, model.Name, into.Name, cancellationToken);
        _phases.Lap("cells kept");

        await using (await replacement.SwapTurnAsync(cancellationToken))
        {
            _phases.Lap("turn to swap");
            // Written in the swap's turn: the model's row, locked any earlier, would hold up another model's swap (ATTACH locks ScoredModels).
            if (into.CheckedAtSwap)
                await SaveModelAsync(model, cancellationToken);
            await replacement.CompleteAsync(model.Name, cancellationToken);
            _phases.Lap("scores in place");
            await transaction.CommitAsync(cancellationToken);
        }
        _phases.Lap("committed");
        var dropped = await replacement.TryDropSetAsideAsync(model.Name, cancellationToken);
        _phases.Lap(dropped ? "old scores dropped" : "old scores left for later: another transaction held their locks");
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Drops what a write of the model set aside and could not drop at once (<see cref="IModelScoresReplacement.TryDropSetAsideAsync"/>):
    /// for when no other writer is open, after models written at once.
    /// </summary>
    public Task DropSetAsideAsync(string modelName, CancellationToken cancellationToken) =>
        db.CreateScoresReplacement().DropSetAsideAsync(modelName, cancellationToken);

    /// <summary>After every model scored has been written, outside any transaction (<see cref="IModelScoresReplacement.MaintainAfterScoringAsync"/>); false when nothing needed doing.</summary>
    public static Task<bool> MaintainAfterScoringAsync(PhmDbContext db, CancellationToken cancellationToken) =>
        db.CreateScoresReplacement().MaintainAfterScoringAsync(cancellationToken);

    /// <summary>The columns of a score that name its model, with their values.</summary>
    private static readonly (string Column, Func<RiskScore, object?> Value)[] ModelColumns =
        [(nameof(RiskScore.Model), s => s.Model), (nameof(RiskScore.ModelVersion), s => s.ModelVersion)];

    /// <summary>Updated, not deleted and added: deleting it would cascade to the old scores, which readers still read.</summary>
    private async Task SaveModelAsync(ScoredModel model, CancellationToken cancellationToken)
    {
        if (await db.ScoredModels.AnyAsync(m => m.Name == model.Name, cancellationToken))
            db.ScoredModels.Update(model);
        else
            db.ScoredModels.Add(model);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes a model's row and all its scores, in one transaction.</summary>
    public async Task RemoveAsync(string modelName, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(0);
        var replacement = db.CreateScoresReplacement();
        await replacement.DropSetAsideAsync(modelName, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        await using (await replacement.SwapTurnAsync(cancellationToken))
        {
            await replacement.RemoveAsync(modelName, cancellationToken);
            await db.ScoredModels.Where(m => m.Name == modelName).ExecuteDeleteAsync(cancellationToken);
            await KeptCells.RefreshModelAsync(db, modelName, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await replacement.DropSetAsideAsync(modelName, cancellationToken);
    }
}
