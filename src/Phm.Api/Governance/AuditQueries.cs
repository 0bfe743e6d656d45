using System.Globalization;
using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Phm.Api.Loading;
using Phm.Api.Replicas;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Governance;

public static class AuditQueries
{
    /// <summary>Events are paged newest first, by id; a cursor wraps the id of the edge's event.</summary>
    private static readonly CursorFormat Cursors = new("audit:");

    public static void AddAuditQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<AuditEventType>>, Connection<AuditEvent>>("auditEvents")
            .Description("The audit trail of patient-level reads and of changes to saved cohorts, newest first, for administrators. Read-only: no field changes it.")
            .AllowRoles(PhmRoles.Admin)
            .ReadsOwnWrites()
            .PageArguments("Events", "event")
            .ValidateArguments(context =>
            {
                Paging.ValidatePageArguments(context, Cursors);
                if (context.GetArgument<string?>("after") is { } after && IdOf(after) is null)
                    throw new MalformedCursorError("after");
            })
            .Resolve()
            .WithService<PhmDbContext>()
            .ResolveAsync(async (context, db) =>
            {
                var first = Paging.First(context);
                var after = context.GetArgument<string?>("after");
                var events = db.AuditEvents.AsNoTracking();
                if (after is not null)
                {
                    var afterId = IdOf(after)!.Value;
                    events = events.Where(e => e.Id < afterId);
                }
                var rows = await events.OrderByDescending(e => e.Id).Take(first + 1).ToListAsync(context.CancellationToken);
                return Paging.ToConnection(rows, first, afterACursor: after is not null, e => Cursors.Encode(e.Id.ToString(CultureInfo.InvariantCulture)));
            });
    }

    private static long? IdOf(string cursor) =>
        Cursors.Decode(cursor) is { } id && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

public sealed class AuditEventType : ObjectGraphType<AuditEvent>
{
    public AuditEventType()
    {
        Name = "AuditEvent";
        Description = "One patient-level read (who asked, when, which query and how many patients it returned) or one change to a saved cohort (who, when, which mutation, which version).";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the data was read or the cohort changed (UTC).").Resolve(context => context.Source.AtUtc);
        Field(e => e.Subject).Description("The token's subject.");
        Field(e => e.Role).Description("The role the caller acted in.");
        Field(e => e.PcnCode, nullable: true).Description("The clinician's PCN; null for other roles.");
        Field(e => e.OperationName, nullable: true).Description("The operation's name, if the document gave one.");
        Field(e => e.Field).Description("The query field that read patients, or the mutation that changed a saved cohort (saveCohort, reviseCohort, retireCohort, evaluateSavedCohort).");
        Field(e => e.QueryHash).Description("SHA-256 of the query document, in hex.");
        Field(e => e.PatientsReturned).Description("Patients returned to the caller.");
        Field(e => e.CohortId, nullable: true).Description("The saved cohort version read or changed, if any: its definitionId, which names the cohort and the version (for retireCohort, the latest version).");
    }
}
