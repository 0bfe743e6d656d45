namespace Phm.Data.Risk;

/// <summary>
/// The provider's way of putting a model's new scores in the place of its old ones, inside <see cref="ScoredModelWriter"/>'s
/// transaction: one table whose indexes are rebuilt (<see cref="ScoresReplacedInPlace"/>), or a partition per model swapped
/// for a freshly loaded table (PostgreSQL).
/// </summary>
internal interface IModelScoresReplacement
{
    /// <summary>Whether two models' scores may be written at once, each by a writer of its own: their loads then lock nothing the other needs.</summary>
    bool ModelsWriteConcurrently { get; }

    /// <summary>Makes way for the new scores of <paramref name="model"/> (its name and version); returns the table to bulk-copy them into.</summary>
    Task<ScoresLoadTable> PrepareAsync(RiskModelInfo model, CancellationToken cancellationToken);

    /// <summary>Builds the copied rows' key and indexes; ranks that repeat fail here.</summary>
    Task IndexAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Waits for the turn to put the scores in place, held until disposed: one model at a time where they write concurrently.</summary>
    Task<IAsyncDisposable> SwapTurnAsync(CancellationToken cancellationToken);

    /// <summary>Makes the copied, indexed rows the model's scores; a failure rolls the transaction back.</summary>
    Task CompleteAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Removes every score of the model, whatever patients the context may read.</summary>
    Task RemoveAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Drops, outside the transaction, what a replacement of the model set aside in it (or one killed before it could).</summary>
    Task DropSetAsideAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="DropSetAsideAsync"/> only if it need not wait for another transaction; false when it left what was set aside
    /// (for the model's next write, or a <see cref="DropSetAsideAsync"/> once no other writer is open).
    /// </summary>
    Task<bool> TryDropSetAsideAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>
    /// Once every model scored has been written, outside any transaction: brings the scores' statistics and visibility up to date
    /// where the writes left them behind. False when nothing needed doing.
    /// </summary>
    Task<bool> MaintainAfterScoringAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Where a model's new scores are bulk-copied; whether the replacement's transaction created that table
/// (<see cref="Store.IBulkCopy.CopyAsync"/>); whether its rows are checked against their model's and patients' rows only as
/// they are put in place, not as they are copied (so the model's row may be written then); and whether the table fills in the
/// model's name and version itself (its columns' defaults), so that the rows copied leave them out.
/// </summary>
internal sealed record ScoresLoadTable(string Name, bool MadeInTransaction, bool CheckedAtSwap, bool FillsInModel = false);
