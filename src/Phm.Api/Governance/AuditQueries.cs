using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Patients;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Governance;

public static class AuditQueries
{
    public const int DefaultPageSize = 50;

    public static void AddAuditQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<AuditEventType>>, Connection<AuditEvent>>("auditEvents")
            .Description("The audit trail of patient-level reads, newest first, for administrators. Read-only: no field changes it.")
            .AllowRoles(PhmRoles.Admin)
            .Argument<IntGraphType>("first", arg =>
            {
                arg.Description = $"Events per page, 0 to {PatientQueries.MaxPageSize}; {DefaultPageSize} if not given or null.";
                arg.DefaultValue = DefaultPageSize;
            })
            .Argument<StringGraphType>("after", "Start after the event with this cursor (an edge's cursor or pageInfo.endCursor).")
            .ValidateArguments(context =>
            {
                if (context.GetArgument<int?>("first") is { } first and (< 0 or > PatientQueries.MaxPageSize))
                    throw new PageSizeOutOfRangeError("first", first);
                if (context.GetArgument<string?>("after") is { } after && DecodeCursor(after) is null)
                    throw new MalformedCursorError("after");
            })
            .Resolve()
            .WithService<PhmDbContext>()
            .ResolveAsync(async (context, db) =>
            {
                var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
                var events = db.AuditEvents.AsNoTracking();
                if (context.GetArgument<string?>("after") is { } after)
                {
                    var afterId = DecodeCursor(after)!.Value;
                    events = events.Where(e => e.Id < afterId);
                }
                var rows = await events.OrderByDescending(e => e.Id).Take(first + 1).ToListAsync(context.CancellationToken);
                var edges = rows.Take(first).Select(e => new Edge<AuditEvent> { Node = e, Cursor = EncodeCursor(e.Id) }).ToList();
                return new Connection<AuditEvent>
                {
                    Edges = edges,
                    PageInfo = new PageInfo
                    {
                        HasNextPage = rows.Count > first,
                        HasPreviousPage = context.GetArgument<string?>("after") is not null,
                        StartCursor = edges.FirstOrDefault()?.Cursor,
                        EndCursor = edges.LastOrDefault()?.Cursor,
                    },
                };
            });
    }

    private const string CursorPrefix = "audit:";

    private static string EncodeCursor(long id) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CursorPrefix + id.ToString(CultureInfo.InvariantCulture)));

    private static long? DecodeCursor(string cursor)
    {
        if (!System.Buffers.Text.Base64Url.IsValid(cursor))
            return null;
        var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}

public sealed class AuditEventType : ObjectGraphType<AuditEvent>
{
    public AuditEventType()
    {
        Name = "AuditEvent";
        Description = "One patient-level read: who asked, when, which query and how many patients it returned.";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the data was read (UTC).").Resolve(context => context.Source.AtUtc);
        Field(e => e.Subject).Description("The token's subject.");
        Field(e => e.Role).Description("The role the caller acted in.");
        Field(e => e.PcnCode, nullable: true).Description("The clinician's PCN; null for other roles.");
        Field(e => e.OperationName, nullable: true).Description("The operation's name, if the document gave one.");
        Field(e => e.Field).Description("The query field that read patients.");
        Field(e => e.QueryHash).Description("SHA-256 of the query document, in hex.");
        Field(e => e.PatientsReturned).Description("Patients returned to the caller.");
        Field(e => e.CohortId, nullable: true).Description("The cohort read or changed, if any.");
    }
}
