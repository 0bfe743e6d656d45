using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Replicas;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

public static class SavedCohortQueries
{
    public static void AddSavedCohortQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SavedCohortType>>>, IReadOnlyList<SavedCohort>>("cohorts")
            .Description("The saved cohorts the caller may see, the latest version of each with its latest recorded evaluation, by id. "
                + "Clinicians see their PCN's cohorts; analysts (counts under disclosure control) and administrators see every cohort.")
            .AllowAnyRole()
            .ReadsOwnWrites()
            .Argument<NonNullGraphType<BooleanGraphType>>("includeRetired", arg =>
            {
                arg.Description = "Also list retired cohorts.";
                arg.DefaultValue = false;
            })
            .Resolve()
            .WithService<SavedCohorts>()
            .ResolveAsync(async (context, cohorts) =>
            {
                var latest = cohorts.Latest().VisibleTo(context.User);
                if (!context.GetArgument<bool>("includeRetired"))
                    latest = latest.Where(d => d.RetiredAtUtc == null);
                var definitions = await latest.AsNoTracking().OrderBy(d => d.Key).ToListAsync(context.CancellationToken);
                var evaluations = await cohorts.LatestSnapshotsAsync([.. definitions.Select(d => d.Key)], context.CancellationToken);
                return (IReadOnlyList<SavedCohort>)[.. definitions.Select(d => new SavedCohort(d, evaluations.GetValueOrDefault(d.Key)))];
            });

        query.Field<SavedCohortType, SavedCohort>("cohort")
            .Description("One saved cohort by id, its latest version or the version asked for. A clinician asking for another PCN's cohort (or an id that does not exist) gets FORBIDDEN.")
            .AllowAnyRole()
            .ReadsOwnWrites()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The cohort's id.")
            .Argument<IntGraphType>("version", "A version of the cohort; its latest if not given.")
            .ValidateArguments(async context => await SavedCohortLookup.FindVisibleAsync(context, withVersion: true))
            .Resolve()
            .WithService<SavedCohorts>()
            .ResolveAsync(async (context, cohorts) =>
            {
                var definition = await cohorts.FindAsync(context.GetArgument<string>("id"), context.GetArgument<int?>("version"), context.CancellationToken);
                var evaluations = await cohorts.LatestSnapshotsAsync([definition!.Key], context.CancellationToken);
                return new SavedCohort(definition, evaluations.GetValueOrDefault(definition.Key));
            });

        query.Field<NonNullGraphType<CohortChangesType>, CohortChanges>("cohortChanges")
            .Description("Who entered and who left a saved cohort between its latest recorded evaluation at or before `since` and its latest one "
                + "(record evaluations with evaluateSavedCohort). The patients are for clinicians of the cohort's PCN; analysts see counts under disclosure control.")
            .AllowAnyRole()
            .ReadsOwnWrites()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The cohort's id.")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("since", "Compare with the latest evaluation recorded at or before this time.")
            .ValidateArguments(async context =>
            {
                if (await SavedCohortLookup.FindVisibleAsync(context) is not { } definition)
                    return;
                var changes = await context.RequestServices!.GetRequiredService<SavedCohorts>()
                    .ChangesAsync(definition.Key, context.GetArgument<DateTimeOffset>("since"), context.CancellationToken);
                if (changes is null)
                    throw new NoEvaluationSinceError("since", definition.Key);
            })
            .Resolve()
            .WithService<SavedCohorts>()
            .ResolveAsync(async (context, cohorts) =>
                (await cohorts.ChangesAsync(context.GetArgument<string>("id"), context.GetArgument<DateTimeOffset>("since"), context.CancellationToken))!);
    }
}
