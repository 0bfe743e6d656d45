using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Patients;

public static class PatientQueries
{
    /// <summary>
    /// Pages are ordered by pseudonym (the patient's <c>id</c>), so a cursor wraps the pseudonym of the edge's patient: it
    /// reveals nothing a client has not already been given, and never the store's internal key.
    /// </summary>
    private static readonly CursorFormat Cursors = new("patient:");

    public static void AddPatientQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<PatientType>>, Connection<Patient>>("patients")
            .Description("Patients meeting the filter, a page at a time, ordered by id. Clinicians only, and only the patients registered in their PCN.")
            .AllowRoles(PhmRoles.Clinician)
            .Argument<PatientFilterInputType>("filter", "Only patients meeting these criteria.")
            .PageArguments("Patients", "patient")
            .ValidateArguments(async context =>
            {
                Paging.ValidatePageArguments(context, Cursors);
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
                var page = await PageAsync(patients, Paging.First(context), context.GetArgument<string?>("after"),
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
            var afterPseudonym = Cursors.Decode(after)!;
            page = page.Where(p => string.Compare(p.Pseudonym, afterPseudonym) > 0);
        }
        var rows = await page.OrderBy(p => p.Pseudonym).Take(first + 1).ToListAsync(cancellationToken);
        return Paging.ToConnection(rows, first, afterACursor: after is not null, p => Cursors.Encode(p.Pseudonym),
            countTotal ? await patients.CountAsync(cancellationToken) : null);
    }
}
