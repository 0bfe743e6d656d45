using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Postgres;

public sealed class PostgresPhmDbContext(DbContextOptions<PostgresPhmDbContext> options) : PhmDbContext(options)
{
    /// <summary>
    /// The hub's connections to one server, unless the connection string's <c>Maximum Pool Size</c> says otherwise: well under
    /// PostgreSQL's default <c>max_connections</c> of 100 (less its reserved slots, other hubs, the tools), so that the server never
    /// refuses the hub a connection; and requests beyond it queue in the hub for a free one rather than make the server
    /// time-slice a hundred backends over a few cores (on 2 cores that collapsed a 200-user load, README "Scaling").
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    public static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(HubSessions(connectionString), npgsql => npgsql.ExecutionStrategy(dependencies => new PostgresReadRetryStrategy(dependencies)));

    private static string HubSessions(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(WithoutJit(connectionString));
        // The builder's ConnectionString holds only the keys that were given (by their canonical names).
        if (!settings.ConnectionString.Contains("Maximum Pool Size=", StringComparison.OrdinalIgnoreCase))
            settings.MaxPoolSize = DefaultMaxPoolSize;
        return settings.ConnectionString;
    }

    /// <summary>
    /// The hub's sessions run without PostgreSQL's JIT compilation (unless the connection string's Options already say how): the
    /// cohort criteria and segmentation are large statements whose estimated cost passes the JIT thresholds, and compiling them
    /// took about 3 s of a 4 s One Team cohort count, which runs in well under 1 s without it (EXPLAIN ANALYZE, README).
    /// </summary>
    private static string WithoutJit(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Options?.Contains("jit", StringComparison.Ordinal) == true)
            return connectionString;
        settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? "-c jit=off" : settings.Options + " -c jit=off";
        return settings.ConnectionString;
    }

    internal override IExecutionStrategy WholeReadStrategy() => new PostgresReadRetryStrategy(this.GetService<ExecutionStrategyDependencies>(), readsWhole: true);

    internal override IBulkCopy CreateBulkCopy() => new PostgresBulkCopy(this);

    internal override IModelScoresReplacement CreateScoresReplacement() => new PostgresScorePartitions(this);

    /// <summary>
    /// Parallel workers off for the transaction (<c>SET LOCAL</c>, so a pooled connection keeps the server's setting). The risk
    /// features' activity pass at 2,000,000 patients is an index-only scan of all 78 M activity rows in patient order; with two
    /// workers their leader merges and aggregates their partial groups alone, and the server spends 15-16 s of CPU on it against
    /// 10-11 s in one process; in scoring, where the server also sends the 9.8 M groups beside three other streams, the pass took
    /// as long either way (README "Scaling", 3 December 2026).
    /// </summary>
    public override async Task<IDbContextTransaction?> BeginSingleProcessReadAsync(CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
        return transaction;
    }

    /// <summary>
    /// Through <see cref="PostgresTextCopy"/>: every column of the kept histories is a whole number (a date is its day number), and
    /// at 2,000,000 patients this is a scoring's largest read (10.5 M rows: the features' read 10.9-14.4 -> 9.9-11.7 s in pairs, README "Scaling").
    /// </summary>
    public override IEnumerable<ActivityHistory> ReadKeptActivityHistories()
    {
        // A context that sees everyone reads every row: its scope filter lifted, the statement has no parameters to send.
        if (ScopedPcnCode is not null)
            return base.ReadKeptActivityHistories();
        var select = KeptActivityHistoriesInOrder().IgnoreQueryFilters([CriteriaRecordScope])
            .Select(h => new { h.PatientId, h.Kind, h.In3Months, h.In6Months, h.In12Months, h.In24Months, h.InHistory, h.Last, h.BedDays })
            .CreateDbCommand();
        if (select.Parameters.Count > 0)
            throw new InvalidOperationException($"The kept activity histories' statement has {select.Parameters.Count} parameter(s), which a COPY cannot take.");
        var dayOf = FromProvider<int, DateOnly>(nameof(ActivityHistory.Last));
        Database.OpenConnection();
        return PostgresTextCopy.ReadIntegers((NpgsqlConnection)Database.GetDbConnection(), select.CommandText, columns: 9, "the kept activity histories")
            .Select(v => new ActivityHistory
            {
                PatientId = v[0], Kind = (ActivityKind)v[1], In3Months = v[2], In6Months = v[3], In12Months = v[4], In24Months = v[5],
                InHistory = v[6], Last = dayOf(v[7]), BedDays = v[8],
            });
    }

    /// <summary>How the model reads a column of <see cref="ActivityHistory"/> from what is stored (a date from its day number).</summary>
    private Func<TStored, TValue> FromProvider<TStored, TValue>(string property) =>
        (Func<TStored, TValue>)Model.FindEntityType(typeof(ActivityHistory))!.FindProperty(property)!.GetTypeMapping().Converter!
            .ConvertFromProviderExpression.Compile();

    /// <summary>
    /// PostgreSQL has no statistics for a count of records in a window and reckons that a third of the patients meet one, so it
    /// looked for a page of a One Team cohort of 58 along the city's pseudonym index, through 250,000 patients (1.3 s, against
    /// 0.15-0.2 s to find all 58 and sort them).
    /// </summary>
    public override bool SortsFewMatchesBeforePaging => true;
}

/// <summary>For <c>dotnet ef</c>: adding a migration or generating a script needs the provider, not a database.</summary>
internal sealed class PostgresPhmDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPhmDbContext>
{
    public PostgresPhmDbContext CreateDbContext(string[] args) =>
        (PostgresPhmDbContext)PhmDatabase.CreateContext(DatabaseProvider.Postgres, "Host=localhost;Database=phm");
}
