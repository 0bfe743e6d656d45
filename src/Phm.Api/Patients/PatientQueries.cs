using System.Globalization;
using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using GraphQL.Validation;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Risk;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Patients;

public static class PatientQueries
{
    /// <summary>
    /// Pages in id order are ordered by pseudonym (the patient's <c>id</c>), so a cursor wraps the pseudonym of the edge's patient: it
    /// reveals nothing a client has not already been given, and never the store's internal key.
    /// </summary>
    internal static readonly CursorFormat Cursors = new("patient:");

    /// <summary>
    /// Pages in RISK_DESC order walk one model's scores by rank (unique within the model, so the order is total); a cursor wraps
    /// the model and the rank of the edge's patient, whose percentile the client can already read.
    /// </summary>
    private static CursorFormat RiskCursors(string model) => new($"patient-risk:{model}:");

    public static void AddPatientQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<PatientType>>, Connection<Patient>>("patients")
            .Description("Patients meeting the filter, a page at a time, ordered by id or by risk. Clinicians only, and only the patients registered in their PCN.")
            .AllowRoles(PhmRoles.Clinician)
            .Argument<PatientFilterInputType>("filter", "Only patients meeting these criteria.")
            .Argument<PatientOrderType>("orderBy", arg =>
            {
                arg.Description = "The order of the pages: ID, or RISK_DESC (highest risk first by the model of filter.risk, which it needs).";
                arg.DefaultValue = PatientOrder.Id;
            })
            .PageArguments("Patients", "patient")
            .ValidateArguments(async context =>
            {
                var filter = context.GetArgument<PatientFilter?>("filter");
                if (OrderOf(context) == PatientOrder.RiskDesc)
                {
                    if (filter?.Risk is not { } risk)
                        throw new RiskOrderWithoutModelError("orderBy");
                    Paging.ValidatePageArguments(context, RiskCursors(risk.Model));
                    if (context.GetArgument<string?>("after") is { } after && RankOf(after, risk.Model) is null)
                        throw new MalformedCursorError("after");
                }
                else
                {
                    Paging.ValidatePageArguments(context, Cursors);
                }
                if (filter is not null)
                {
                    var db = context.RequestServices!.GetRequiredService<PhmDbContext>();
                    await filter.ValidateAsync(db, context.RequestServices!.GetRequiredService<ScoredModelsLoader>(), "filter", context.CancellationToken);
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
                var first = Paging.First(context);
                var after = context.GetArgument<string?>("after");
                var countTotal = context.SubFields?.ContainsKey("totalCount") == true;
                var page = OrderOf(context) == PatientOrder.RiskDesc
                    ? await PageByRiskAsync(patients, db, filter.Risk!.Model, first, after, countTotal, context.CancellationToken)
                    : await PageAsync(patients, first, after, countTotal, context.CancellationToken);
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

    private static PatientOrder OrderOf(IResolveFieldContext context) => context.GetArgument("orderBy", PatientOrder.Id);

    private static PatientOrder OrderOf(FieldArgumentsValidationContext context) => context.GetArgument("orderBy", PatientOrder.Id);

    private static int? RankOf(string cursor, string model) =>
        RiskCursors(model).Decode(cursor) is { } rank && int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// One page highest risk first: the patients joined to their scores from <paramref name="model"/> (through the same scoped
    /// context), in rank order, reading one row beyond the page.
    /// </summary>
    private static async Task<Connection<Patient>> PageByRiskAsync(
        IQueryable<Patient> patients, PhmDbContext db, string model, int first, string? after, bool countTotal, CancellationToken cancellationToken)
    {
        var scores = db.RiskScores.Where(s => s.Model == model);
        if (after is not null)
        {
            var afterRank = RankOf(after, model)!.Value;
            scores = scores.Where(s => s.Rank > afterRank);
        }
        var rows = await patients.Join(scores, p => p.Id, s => s.PatientId, (p, s) => new { Patient = p, s.Rank })
            .OrderBy(r => r.Rank).Take(first + 1).ToListAsync(cancellationToken);
        var cursors = RiskCursors(model);
        var rankOf = rows.ToDictionary(r => r.Patient.Id, r => r.Rank);
        return Paging.ToConnection([.. rows.Select(r => r.Patient)], first, afterACursor: after is not null,
            p => cursors.Encode(rankOf[p.Id].ToString(CultureInfo.InvariantCulture)),
            countTotal ? await patients.CountAsync(cancellationToken) : null);
    }

    /// <summary>One page in pseudonym order, reading one row beyond it to learn whether another page follows.</summary>
    internal static async Task<Connection<Patient>> PageAsync(
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
