using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Cohorts;
using Phm.Data.Impactability;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

public static class CohortQueries
{
    public static void AddCohortQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<CohortEvaluationType>, CohortEvaluation>("evaluateCohort")
            .Description("Evaluates cohort criteria at the store's reference date: the count for clinicians (their PCN's patients), analysts (under "
                + "disclosure control) and administrators; the members, with why, for clinicians only. Every problem of the criteria is an error "
                + "COHORT_CRITERIA_INVALID naming its path, before anything is read.")
            .AllowRoles(PhmRoles.Clinician, PhmRoles.Analyst, PhmRoles.Admin)
            .Argument<NonNullGraphType<CohortCriteriaInputType>>("criteria", "Who belongs to the cohort.")
            .ValidateArguments(async context => await CohortCriteriaArgument.ValidateAsync(context, context.GetArgument<CohortCriteria>("criteria")))
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader, ImpactabilitySignals>()
            .ResolveAsync(async (context, db, referenceDate, impactability) =>
                new CohortEvaluation(context.GetArgument<CohortCriteria>("criteria"), db, await referenceDate.GetAsync(context.CancellationToken), impactability,
                    readsMembers: CohortEvaluation.ReadsMembers(context)));
    }
}
