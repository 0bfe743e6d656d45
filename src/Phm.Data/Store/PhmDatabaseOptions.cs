namespace Phm.Data.Store;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>The section <c>Phm:Database</c>, plus the connection string <c>ConnectionStrings:Phm</c> for a database server.</summary>
public sealed class PhmDatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For PostgreSQL and SQL Server; SQLite always uses <c>phm.db</c> in <see cref="PhmOptions.DataDirectory"/>, which it
    /// builds beside and renames into place. It holds a password: never log it.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// <c>Phm:Database:ReadReplica</c>: the connection string of a PostgreSQL hot standby of the primary, which then answers the
    /// hub's queries while it keeps up (<see cref="Replicas.ReadReplica"/>); writes always go to the primary. It holds a password: never log it.
    /// </summary>
    public string? ReadReplica { get; set; }

    /// <summary>
    /// How far behind the primary the replica may be and still answer queries: it must hold everything the primary had committed
    /// this long ago. Further behind, or unreachable, and queries go to the primary until it catches up.
    /// </summary>
    public TimeSpan ReadReplicaMaxLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the replica's lag is measured (two small queries, one on each server).</summary>
    public TimeSpan ReadReplicaCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
