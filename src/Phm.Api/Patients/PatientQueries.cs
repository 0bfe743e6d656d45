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
using Phm.Api.Transport;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

public static class PatientQueries
{
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
                if (OrderOf(context) == PatientOrder.RiskDesc && filter?.Risk is null)
                    throw new RiskOrderWithoutModelError("orderBy");
                PatientPages.ValidatePageArguments(context, OrderOf(context) == PatientOrder.RiskDesc ? filter!.Risk!.Model : null);
                if (filter is not null)
                {
                    var reference = await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken);
                    await filter.ValidateAsync(reference, context.RequestServices!.GetRequiredService<ScoredModelsLoader>(), "filter", context.CancellationToken);
                    await PcnScopeArguments.RefuseOutsideAsync(context, [("filter.pcn", filter.Pcn, null), ("filter.practice", null, filter.Practice)]);
                }
            })
            .ArgumentChecksReadOnlyReferenceData()
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader, AuditLog, ConditionsByPatientLoader>()
            .ResolveAsync(async (context, db, referenceDate, audit, conditions) =>
            {
                var filter = context.GetArgument<PatientFilter?>("filter") ?? new PatientFilter();
                var onDate = await referenceDate.GetAsync(context.CancellationToken);
                var first = Paging.First(context);
                var after = context.GetArgument<string?>("after");
                var countTotal = context.SubFields?.ContainsKey("totalCount") == true;
                var riskModel = OrderOf(context) == PatientOrder.RiskDesc ? filter.Risk!.Model : null;
                // A worklist's registers come with its page, in one statement, rather than in a batch of their own.
                var withConditions = riskModel is null && SelectsConditions(context);
                var page = riskModel is null && !countTotal && CompiledPatientPages.Serves(filter, db)
                    ? await CompiledPatientPages.PageAsync(filter, db, onDate, first, after, withConditions ? conditions : null,
                        PatientKeyFields.SelectsKeysAlone(context), entriesWithoutCodes: withConditions && !ConditionFields.PageSelectsCodes(context),
                        context.CancellationToken)
                    : withConditions
                    ? await PatientPages.PageByIdWithConditionsAsync(filter.Apply(db, onDate).AsNoTracking(), db, first, after, countTotal, conditions, context.CancellationToken)
                    : riskModel is not null
                    ? await PatientPages.PageByRiskAsync(filter.Apply(db, onDate).AsNoTracking(), db, riskModel, first, after, countTotal,
                        PatientPages.FewAtTheTopOfTheRanks, context.CancellationToken, countTotal ? filter.CountFromKeptCells(db) : null)
                    : await PatientPages.PageAsync(filter.Apply(db, onDate).AsNoTracking(), db, riskModel: null, first, after, countTotal, sortEveryMatch: false,
                        context.CancellationToken);
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

    private static bool SelectsConditions(IResolveFieldContext context) =>
        SelectionLookahead.Selects(context, "edges", "node", "conditions") || SelectionLookahead.Selects(context, "items", "conditions");

    private static PatientOrder OrderOf(FieldArgumentsValidationContext context) => context.GetArgument("orderBy", PatientOrder.Id);
}
