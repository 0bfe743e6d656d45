namespace Phm.Data.Risk;

/// <summary>
/// The provider's way of putting a model's new scores in the place of its old ones, inside <see cref="ScoredModelWriter"/>'s
/// transaction: one table whose indexes are rebuilt (<see cref="ScoresReplacedInPlace"/>), or a partition per model swapped
/// for a freshly loaded table (PostgreSQL).
/// </summary>
internal interface IModelScoresReplacement
{
    /// <summary>Makes way for the model's new scores; returns the table to bulk-copy them into.</summary>
    Task<ScoresLoadTable> PrepareAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Makes the copied rows the model's scores, checked and indexed; a failure rolls the transaction back.</summary>
    Task CompleteAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Removes every score of the model, whatever patients the context may read.</summary>
    Task RemoveAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Drops, outside the transaction, what a replacement set aside in it (or one killed before it could).</summary>
    Task DropSetAsideAsync(CancellationToken cancellationToken);
}

/// <summary>Where a model's new scores are bulk-copied, and whether the replacement's transaction created that table (<see cref="Store.IBulkCopy.CopyAsync"/>).</summary>
internal sealed record ScoresLoadTable(string Name, bool MadeInTransaction);
