using System.Security.Claims;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Phm.Api.Governance;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Tests.Governance;

/// <summary>The writer behind the audit trail: what is queued is saved, at the latest when the hub stops.</summary>
public sealed class AuditWriterTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(_ => { });

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task QueuedEvents_WhenTheHubStops_AreSaved()
    {
        var contexts = new StoreContexts(_store.Path);
        var log = new AuditLog(TimeProvider.System);
        using var writer = new AuditWriter(log, contexts, TimeProvider.System, NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        log.RecordPatientRead(PatientsFieldReadBy("dr-stop"), patientsReturned: 2);
        await writer.StopAsync(CancellationToken.None);

        await using var db = contexts.CreateDbContext();
        var saved = await db.AuditEvents.SingleAsync();
        Assert.Equal(("dr-stop", "clinician", "U97340", "Stopping", "patients", 2), (saved.Subject, saved.Role, saved.PcnCode, saved.OperationName, saved.Field, saved.PatientsReturned));
    }

    /// <summary>What a resolver of <c>patients</c> sees, for a clinician of Bitterne PCN.</summary>
    private static ResolveFieldContext PatientsFieldReadBy(string subject)
    {
        var document = GraphQLParser.Parser.Parse("query Stopping { patients { totalCount } }");
        var operation = (GraphQLOperationDefinition)document.Definitions[0];
        return new ResolveFieldContext
        {
            Document = document,
            Operation = operation,
            FieldAst = (GraphQLField)operation.SelectionSet.Selections[0],
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(PhmRoles.SubjectClaim, subject), new Claim(PhmRoles.RoleClaim, PhmRoles.Clinician), new Claim(PhmRoles.PcnClaim, "U97340")], "test")),
        };
    }

    private sealed class StoreContexts(string path) : IDbContextFactory<PhmDbContext>
    {
        public PhmDbContext CreateDbContext() => PhmDatabase.CreateContext(DatabaseProvider.Sqlite, TestStore.ConnectionStringFor(path));
    }
}
