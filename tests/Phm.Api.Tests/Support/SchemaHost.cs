using System.Security.Claims;
using System.Text.Json;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Phm.Data.Governance;
using Phm.Data.Sqlite;
using Phm.Data.Store;

namespace Phm.Api.Tests.Support;

/// <summary>
/// The hub's schema, configured as the app configures it, over a store file of hand-made data: queries run through the
/// document executer, without HTTP, so tests can state exact expectations.
/// </summary>
public sealed class SchemaHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SchemaHost(string storePath, SqlCommandCounter commands, TimeProvider clock)
    {
        Commands = commands;
        _services = new ServiceCollection()
            .AddSingleton(clock)
            .AddPhmGraphQL(new ConfigurationBuilder().Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing" })
            .AddDbContext<PhmDbContext, SqlitePhmDbContext>(options =>
            {
                SqlitePhmDbContext.Configure(options, TestStore.ConnectionStringFor(storePath));
                options.AddInterceptors(commands);
            })
            // Contexts that see every patient, as the hub's factory gives them (city comparators read through one).
            .AddSingleton<IDbContextFactory<PhmDbContext>>(new StoreContexts(storePath))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>
    /// Who the schema tests run as: a clinician, so every field but the audit trail is open. The context here is handed out
    /// without a <see cref="Phm.Data.Governance.PatientScope"/>, so the clinician sees every hand-made patient; the scope is
    /// tested end to end through <see cref="PhmApiFactory"/>.
    /// </summary>
    public static readonly ClaimsPrincipal Caller = new(new ClaimsIdentity(
        [new Claim(PhmRoles.SubjectClaim, "schema-tests"), new Claim(PhmRoles.RoleClaim, PhmRoles.Clinician), new Claim(PhmRoles.PcnClaim, "ANY")],
        authenticationType: "test", nameType: PhmRoles.SubjectClaim, roleType: PhmRoles.RoleClaim));

    /// <summary>A caller acting in <paramref name="role"/> (of <paramref name="pcn"/> for a clinician), for tests of who may do what.</summary>
    public static ClaimsPrincipal CallerAs(string role, string? pcn = null, string subject = "schema-tests") => new(new ClaimsIdentity(
        [new Claim(PhmRoles.SubjectClaim, subject), new Claim(PhmRoles.RoleClaim, role), .. pcn is null ? Array.Empty<Claim>() : [new Claim(PhmRoles.PcnClaim, pcn)]],
        authenticationType: "test", nameType: PhmRoles.SubjectClaim, roleType: PhmRoles.RoleClaim));

    public SqlCommandCounter Commands { get; }

    public PhmSchema Schema => _services.GetRequiredService<PhmSchema>();

    public static SchemaHost Over(string storePath) => Over(storePath, TimeProvider.System);

    /// <summary>The schema over <paramref name="storePath"/> with <paramref name="clock"/> for every timed step (the store checks, the audit trail).</summary>
    public static SchemaHost Over(string storePath, TimeProvider clock) => new(storePath, new SqlCommandCounter(), clock);

    /// <summary>Runs a request as the transport would, in its own service scope, as <see cref="Caller"/> unless <paramref name="user"/> is given, and returns the serialized response.</summary>
    public async Task<ExecutedRequest> ExecuteAsync(string query, object? variables = null, ClaimsPrincipal? user = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<PhmSchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables)),
            RequestServices = scope.ServiceProvider,
            User = user ?? Caller,
        });
        return new ExecutedRequest(serializer.Serialize(result));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class StoreContexts(string storePath) : IDbContextFactory<PhmDbContext>
    {
        public PhmDbContext CreateDbContext() => PhmDatabase.CreateContext(DatabaseProvider.Sqlite, TestStore.ConnectionStringFor(storePath));
    }
}

/// <summary>A response as JSON text; <see cref="Json"/> to navigate it.</summary>
public sealed record ExecutedRequest(string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement Data => Json.GetProperty("data");

    /// <summary>The response indented, for snapshots a reviewer can read.</summary>
    public string Indented => Json.Indented();

    /// <summary>The <c>extensions.code</c> of each error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes => Json.ErrorCodes();

    public string ErrorMessage => Json.ErrorMessage();
}
