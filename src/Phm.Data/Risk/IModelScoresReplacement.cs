namespace Phm.Data.Risk;

/// <summary>
/// The provider's way of putting a model's new scores in the place of its old ones, inside <see cref="ScoredModelWriter"/>'s
/// transaction: one table whose indexes are rebuilt (<see cref="ScoresReplacedInPlace"/>), or a partition per model swapped
/// for a freshly loaded table (PostgreSQL).
/// </summary>
internal interface IModelScoresReplacement
{
    /// <summary>
    /// Whether the new scores are loaded and indexed apart from every other model's and checked against their patients and
    /// model only at the swap: then the model's row is written at the swap, and another model's scores may load meanwhile.
    /// Otherwise they are checked row by row as they come (their model's row first), and one model is written at a time.
    /// </summary>
    bool LoadsApart { get; }

    /// <summary>Makes way for the model's new scores; returns the table to bulk-copy them into.</summary>
    Task<string> PrepareAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Indexes the copied rows (the unique index on model and rank refuses repeated ranks); a failure rolls the transaction back.</summary>
    Task IndexAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Makes the copied rows the model's scores, checked; a failure rolls the transaction back.</summary>
    Task SwapAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Removes every score of the model, whatever patients the context may read.</summary>
    Task RemoveAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Drops, outside the transaction, what a replacement of the model set aside in it (or one killed before it could).</summary>
    Task DropSetAsideAsync(string modelName, CancellationToken cancellationToken);
}
