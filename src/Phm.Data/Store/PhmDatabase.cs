using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Phm.Data.Postgres;
using Phm.Data.Sqlite;
using Phm.Data.SqlServer;

namespace Phm.Data.Store;

/// <summary>The one place that maps <see cref="DatabaseProvider"/> to its context type.</summary>
public static class PhmDatabase
{
    public static PhmDbContext CreateContext(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqlitePhmDbContext(OptionsFor<SqlitePhmDbContext>(SqlitePhmDbContext.Configure, connectionString)),
        DatabaseProvider.Postgres => new PostgresPhmDbContext(OptionsFor<PostgresPhmDbContext>(PostgresPhmDbContext.Configure, connectionString)),
        DatabaseProvider.SqlServer => new SqlServerPhmDbContext(OptionsFor<SqlServerPhmDbContext>(SqlServerPhmDbContext.Configure, connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Registers a pooled factory of the provider's context, served as <see cref="PhmDbContext"/>.</summary>
    internal static void AddContextFactory(IServiceCollection services, DatabaseProvider provider, Func<IServiceProvider, string> connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                AddContextFactory<SqlitePhmDbContext>(services, SqlitePhmDbContext.Configure, connectionString);
                break;
            case DatabaseProvider.Postgres:
                AddContextFactory<PostgresPhmDbContext>(services, PostgresPhmDbContext.Configure, connectionString);
                break;
            case DatabaseProvider.SqlServer:
                AddContextFactory<SqlServerPhmDbContext>(services, SqlServerPhmDbContext.Configure, connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    /// <summary>
    /// A pooled factory of contexts on a read replica (<see cref="Replicas.ReadReplica"/>), configured as the primary's are. Only
    /// PostgreSQL's hot standby is supported: its lag can be measured, so a replica that falls behind is not read.
    /// </summary>
    internal static IDbContextFactory<PhmDbContext> CreateReplicaFactory(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException($"Phm:Database:ReadReplica is for PostgreSQL only; Phm:Database:Provider is {provider}. Remove the setting.");
        var options = new DbContextOptionsBuilder<PostgresPhmDbContext>();
        Configure(options, PostgresPhmDbContext.Configure, connectionString);
        return new BaseTypeFactory<PostgresPhmDbContext>(new PooledDbContextFactory<PostgresPhmDbContext>(options.Options));
    }

    private static void Configure(DbContextOptionsBuilder options, Action<DbContextOptionsBuilder, string> configure, string connectionString)
    {
        configure(options, connectionString);
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }

    private static DbContextOptions<TContext> OptionsFor<TContext>(Action<DbContextOptionsBuilder, string> configure, string connectionString)
        where TContext : PhmDbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        configure(builder, connectionString);
        return builder.Options;
    }

    private static void AddContextFactory<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder, string> configure, Func<IServiceProvider, string> connectionString)
        where TContext : PhmDbContext
    {
        services.AddPooledDbContextFactory<TContext>((provider, options) => Configure(options, configure, connectionString(provider)));
        services.AddSingleton<IDbContextFactory<PhmDbContext>>(provider => new BaseTypeFactory<TContext>(provider.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    /// <summary><see cref="IDbContextFactory{TContext}"/> is invariant, so the base type needs its own adapter.</summary>
    private sealed class BaseTypeFactory<TContext>(IDbContextFactory<TContext> factory) : IDbContextFactory<PhmDbContext>
        where TContext : PhmDbContext
    {
        public PhmDbContext CreateDbContext()
        {
            // A pooled context may come back from a clinician's request still scoped to its PCN.
            var context = factory.CreateDbContext();
            context.PatientScope = Governance.PatientScope.Everyone;
            context.RetryReads = false;
            return context;
        }
    }
}
