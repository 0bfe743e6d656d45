using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Phm.Api.Transport;
using Phm.Data.Store;

namespace Phm.Api.Tests.Operations;

/// <summary>
/// A PostgreSQL server that is up but has no connection for the hub: the server refusing a new one (too_many_connections), or
/// the hub's own pool staying busy past its timeout. Either is <c>DATABASE_UNAVAILABLE</c> (the client may try again), never
/// <c>INTERNAL_SERVER_ERROR</c>.
/// </summary>
public sealed class DatabaseRefusalTests(PostgresHub server) : IClassFixture<PostgresHub>
{
    /// <summary>A page of patients, read from the store on every request (the practices are held in memory with the store's stamp).</summary>
    private const string PatientsQuery = """{ patients(first: 1) { edges { node { id } } } }""";

    [SkippableFact]
    public async Task AServerThatRefusesConnections_AnswersDatabaseUnavailable()
    {
        var clinician = server.Hub.AsClinician(GovernanceTests.PcnA);
        Assert.Empty((await clinician.PostGraphQLAsync(PatientsQuery)).ErrorCodes);
        var database = new NpgsqlConnectionStringBuilder(StoreConnectionString(server.Hub.Services)).Database!;

        // PostgreSQL answers a database's connection limit as it answers max_connections: 53300, too_many_connections.
        await LimitConnectionsAsync(database, 0);
        try
        {
            NpgsqlConnection.ClearAllPools();
            var refused = await clinician.PostGraphQLAsync(PatientsQuery);
            AssertDatabaseUnavailable(refused);
        }
        finally
        {
            await LimitConnectionsAsync(database, -1);
        }
        Assert.Empty((await clinician.PostGraphQLAsync(PatientsQuery)).ErrorCodes);
    }

    [SkippableFact]
    public async Task APoolThatStaysBusy_AnswersDatabaseUnavailable()
    {
        var token = server.Hub.AsClinician(GovernanceTests.PcnA).BearerToken;
        // Two: preparing the store at start holds one connection for its lock while it migrates on another.
        var twoConnections = new NpgsqlConnectionStringBuilder(StoreConnectionString(server.Hub.Services)) { MaxPoolSize = 2, Timeout = 1 };
        await using var hub = server.Hub.WithSettings(("ConnectionStrings:Phm", twoConnections.ConnectionString));
        Assert.Empty((await PhmApiFactory.PostGraphQLAsync(hub, new { query = PatientsQuery }, token)).Json.ErrorCodes());

        // The hub's pool is this process's: holding both its connections leaves none for the request.
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<PhmDbContext>>();
        await using (var held = contexts.CreateDbContext())
        await using (var alsoHeld = contexts.CreateDbContext())
        {
            await held.Database.OpenConnectionAsync();
            await alsoHeld.Database.OpenConnectionAsync();
            AssertDatabaseUnavailable(await PhmApiFactory.PostGraphQLAsync(hub, new { query = PatientsQuery }, token));
        }
        Assert.Empty((await PhmApiFactory.PostGraphQLAsync(hub, new { query = PatientsQuery }, token)).Json.ErrorCodes());
    }

    private static void AssertDatabaseUnavailable(GraphQLResponse response)
    {
        Assert.Equal([GraphQLErrorInfoProvider.DatabaseUnavailableCode], response.ErrorCodes.Distinct());
        // 503 when the database failed the request before execution began, else 200 with the failed fields' errors.
        Assert.True(response.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.OK, $"status {response.Status}");
    }

    private static string StoreConnectionString(IServiceProvider services) => services.GetRequiredService<PhmStore>().ConnectionString;

    /// <summary>From the server's maintenance database, so that the limit can be lifted again while it refuses the hub's.</summary>
    private async Task LimitConnectionsAsync(string database, int limit)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(StoreConnectionString(server.Hub.Services)) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"ALTER DATABASE \"{database}\" CONNECTION LIMIT {limit}", connection);
        await command.ExecuteNonQueryAsync();
    }
}
