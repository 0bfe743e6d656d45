namespace Phm.Data.Cohorts;

/// <summary>
/// One evaluation of a saved cohort's version, kept with its members so that two evaluations say who entered and who left
/// (<see cref="CohortChanges"/>). Members are store patient ids, which a rebuild renumbers: a rebuild clears the snapshots.
/// </summary>
public sealed class CohortSnapshot
{
    public long Id { get; init; }

    /// <summary>The version evaluated (<see cref="CohortDefinition.Id"/>).</summary>
    public int DefinitionId { get; init; }

    /// <summary>The cohort's key and the version's number, copied so changes across versions are found without a join.</summary>
    public required string CohortKey { get; init; }
    public int Version { get; init; }

    public DateTimeOffset EvaluatedAtUtc { get; init; }

    /// <summary>The store's reference date the criteria were judged at.</summary>
    public DateOnly ReferenceDate { get; init; }

    public int Count { get; init; }

    /// <summary>The token subject that asked for the evaluation.</summary>
    public required string EvaluatedBy { get; init; }

    public List<CohortSnapshotMember> Members { get; init; } = [];
}

/// <summary>A patient in a <see cref="CohortSnapshot"/>: the store's patient id only.</summary>
public sealed class CohortSnapshotMember
{
    public long SnapshotId { get; init; }
    public int PatientId { get; init; }
}
