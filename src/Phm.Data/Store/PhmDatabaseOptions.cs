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
}
