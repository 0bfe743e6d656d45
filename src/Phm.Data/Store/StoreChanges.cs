namespace Phm.Data.Store;

/// <summary>
/// How many builds and ingest batches of the store this process has finished. <see cref="StoreReferenceCache"/> notes the count
/// beside each manifest stamp it reads, so after this process changes the store the next request reads the stamp again; a change
/// made by another process (<c>phm build</c>, <c>phm ingest</c>, another hub on the same database) is seen at the cache's next
/// check of the database (<see cref="PhmOptions.StoreCheckInterval"/>). Process-wide, as the store is: every service container in
/// the process that reads the store must see the change.
/// </summary>
public static class StoreChanges
{
    private static long _count;

    public static long Count => Interlocked.Read(ref _count);

    /// <summary>Called once a change is committed (or a SQLite build renamed into place), never before: a reader that looks again must find it.</summary>
    public static void Record() => Interlocked.Increment(ref _count);
}
