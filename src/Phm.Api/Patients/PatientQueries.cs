using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Practices;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

public static class PatientQueries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static void AddPatientQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<PatientType>>, Connection<Patient>>("patients")
            .Description("Patients meeting the filter, a page at a time, ordered by id. Clinicians only, and only the patients registered in their PCN.")
            .AllowRoles(PhmRoles.Clinician)
            .Argument<PatientFilterInputType>("filter", "Only patients meeting these criteria.")
            .Argument<IntGraphType>("first", arg =>
            {
                arg.Description = $"Patients per page, 0 to {MaxPageSize}; {DefaultPageSize} if not given or null.";
                arg.DefaultValue = DefaultPageSize;
            })
            .Argument<StringGraphType>("after", "Start after the patient with this cursor (an edge's cursor or pageInfo.endCursor).")
            .ValidateArguments(async context =>
            {
                if (context.GetArgument<int?>("first") is { } first and (< 0 or > MaxPageSize))
                    throw new PageSizeOutOfRangeError("first", first);
                if (context.GetArgument<string?>("after") is { } after && PatientCursor.Decode(after) is null)
                    throw new MalformedCursorError("after");
                if (context.GetArgument<PatientFilter?>("filter") is { } filter)
                {
                    var db = context.RequestServices!.GetRequiredService<PhmDbContext>();
                    await filter.ValidateAsync(db, "filter", context.CancellationToken);
                    // Asking for another PCN's patients is refused, not answered with an empty page that reads as "none".
                    if (db.PatientScope.PcnCode is { } ownPcn)
                    {
                        if (filter.Pcn is { } pcn && pcn != ownPcn)
                            throw new ForbiddenError($"Argument 'filter.pcn': your token gives access to the patients of PCN {ownPcn} only.");
                        var referenceDate = await context.RequestServices!.GetRequiredService<ReferenceDateLoader>().GetAsync(context.CancellationToken);
                        if (filter.Practice is { } practice
                            && !await db.PcnMemberships.ValidOn(referenceDate).AnyAsync(m => m.PracticeCode == practice && m.PcnCode == ownPcn, context.CancellationToken))
                            throw new ForbiddenError($"Argument 'filter.practice': your token gives access to the patients of the practices of PCN {ownPcn} only.");
                    }
                }
            })
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader, AuditLog>()
            .ResolveAsync(async (context, db, referenceDate, audit) =>
            {
                var filter = context.GetArgument<PatientFilter?>("filter") ?? new PatientFilter();
                var patients = filter.Apply(db, await referenceDate.GetAsync(context.CancellationToken)).AsNoTracking();
                var page = await PageAsync(patients, context.GetArgument<int?>("first") ?? DefaultPageSize, context.GetArgument<string?>("after"),
                    countTotal: context.SubFields?.ContainsKey("totalCount") == true, context.CancellationToken);
                audit.RecordPatientRead(context, page.Edges!.Count);
                return page;
            });

        query.Field<PatientType, Patient>("patient")
            .Description("One patient by id (pseudonym), for clinicians. A patient not registered in the clinician's PCN is null with a FORBIDDEN "
                + "error, whether or not the id exists elsewhere, so the answer does not reveal other PCNs' patients.")
            .AllowRoles(PhmRoles.Clinician)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The patient's id.")
            .Resolve()
            .WithServices<PhmDbContext, AuditLog>()
            .ResolveAsync(async (context, db, audit) =>
            {
                var id = context.GetArgument<string>("id");
                var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Pseudonym == id, context.CancellationToken);
                audit.RecordPatientRead(context, patient is null ? 0 : 1);
                return patient is null && db.PatientScope.IsRestricted ? throw new PatientOutOfScopeError() : patient;
            });
    }

    /// <summary>One page in pseudonym order, reading one row beyond it to learn whether another page follows.</summary>
    private static async Task<Connection<Patient>> PageAsync(
        IQueryable<Patient> patients, int first, string? after, bool countTotal, CancellationToken cancellationToken)
    {
        var page = patients;
        if (after is not null)
        {
            var afterPseudonym = PatientCursor.Decode(after)!;
            page = page.Where(p => string.Compare(p.Pseudonym, afterPseudonym) > 0);
        }
        var rows = await page.OrderBy(p => p.Pseudonym).Take(first + 1).ToListAsync(cancellationToken);
        var edges = rows.Take(first).Select(p => new Edge<Patient> { Node = p, Cursor = PatientCursor.Encode(p.Pseudonym) }).ToList();
        return new Connection<Patient>
        {
            TotalCount = countTotal ? await patients.CountAsync(cancellationToken) : null,
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = rows.Count > first,
                HasPreviousPage = after is not null,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }
}
