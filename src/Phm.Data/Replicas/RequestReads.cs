namespace Phm.Data.Replicas;

/// <summary>
/// Whether the scope's <see cref="Store.PhmDbContext"/> may read from the <see cref="ReadReplica"/>: set by the API before the
/// context is first asked for, for queries that need not read their own writes. Unset, everything goes to the primary.
/// </summary>
public sealed class RequestReads
{
    public bool MayUseReplica { get; set; }
}
