using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Practices;
using Phm.Data.Cohorts;
using Phm.Data.Governance;

namespace Phm.Api.Cohorts;

/// <summary>
/// Saving, revising and retiring cohort definitions, and recording an evaluation. Every check (criteria as evaluateCohort checks
/// them, with the codes the store must hold; name; scope; built-in; retired) runs while the document is validated, so a refused
/// mutation writes nothing. Every mutation that succeeds is audited with the version it wrote or evaluated.
/// </summary>
public static class CohortMutations
{
    public static void AddCohortMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SavedCohortType>, SavedCohort>("saveCohort")
            .Description("Saves a new cohort as version 1, owned by the caller. Clinicians save cohorts of their own PCN; analysts and administrators of any PCN or the whole city.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<SaveCohortInputType>>("input", "The cohort.")
            .ValidateArguments(async context =>
            {
                var input = context.GetArgument<SaveCohortInput>("input");
                if (!await CohortCriteriaArgument.ValidateAsync(context, input.Criteria, "input.criteria"))
                    return;
                CohortInputInvalidError.ThrowIfInvalid(input.Content, "input");
                var pcn = SavedCohortAccess.ScopeFor(context.ValidationContext.User, input.Pcn, "input.pcn");
                PcnNotFoundError.ThrowIfUnknown(
                    await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken), "input.pcn", pcn);
            })
            .Resolve()
            .WithServices<SavedCohorts, AuditLog>()
            .ResolveAsync(async (context, cohorts, audit) =>
            {
                var input = context.GetArgument<SaveCohortInput>("input");
                var pcn = SavedCohortAccess.ScopeFor(context.User, input.Pcn, "input.pcn");
                var saved = await cohorts.SaveAsync(input.Content, SubjectOf(context), pcn, isBuiltIn: false, key: null, context.CancellationToken);
                audit.RecordCohortChange(context, saved.Id);
                return new SavedCohort(saved, null);
            });

        mutation.Field<NonNullGraphType<SavedCohortType>, SavedCohort>("reviseCohort")
            .Description("Saves the next version of a cohort; the earlier versions are kept. Built-in cohorts are revised by administrators only; a retired cohort cannot be revised.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The cohort's id.")
            .Argument<NonNullGraphType<ReviseCohortInputType>>("input", "The next version.")
            .ValidateArguments(async context =>
            {
                if (await SavedCohortLookup.FindVisibleAsync(context) is not { } latest)
                    return;
                SavedCohortAccess.EnsureMayChange(context.ValidationContext.User, latest, "id");
                var input = context.GetArgument<ReviseCohortInput>("input");
                if (await CohortCriteriaArgument.ValidateAsync(context, input.Criteria, "input.criteria"))
                    CohortInputInvalidError.ThrowIfInvalid(input.Content, "input");
            })
            .Resolve()
            .WithServices<SavedCohorts, AuditLog>()
            .ResolveAsync(async (context, cohorts, audit) =>
            {
                var latest = (await cohorts.FindAsync(context.GetArgument<string>("id"), null, context.CancellationToken))!;
                var revision = await cohorts.ReviseAsync(latest, context.GetArgument<ReviseCohortInput>("input").Content, SubjectOf(context), context.CancellationToken);
                audit.RecordCohortChange(context, revision.Id);
                return new SavedCohort(revision, null);
            });

        mutation.Field<NonNullGraphType<SavedCohortType>, SavedCohort>("retireCohort")
            .Description("Retires a cohort (every version): it leaves the cohorts list and cannot be revised, and its versions and evaluations are kept. Built-in cohorts are retired by administrators only.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The cohort's id.")
            .ValidateArguments(async context =>
            {
                if (await SavedCohortLookup.FindVisibleAsync(context) is { } latest)
                    SavedCohortAccess.EnsureMayChange(context.ValidationContext.User, latest, "id");
            })
            .Resolve()
            .WithServices<SavedCohorts, AuditLog>()
            .ResolveAsync(async (context, cohorts, audit) =>
            {
                var latest = (await cohorts.FindAsync(context.GetArgument<string>("id"), null, context.CancellationToken))!;
                var retired = await cohorts.RetireAsync(latest, context.CancellationToken);
                audit.RecordCohortChange(context, retired.Id);
                return new SavedCohort(retired, null);
            });

        mutation.Field<NonNullGraphType<CohortEvaluationRecordType>, CohortSnapshot>("evaluateSavedCohort")
            .Description("Evaluates the latest version of a cohort now and records who is in it, so that cohortChanges can later say who entered and who left. "
                + "Returns the count only (under disclosure control for analysts). A mutation, since it writes: queries stay safe to repeat.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The cohort's id.")
            .ValidateArguments(async context =>
            {
                if (await SavedCohortLookup.FindVisibleAsync(context) is { IsRetired: true } latest)
                    throw new CohortRetiredError("id", latest.Key);
            })
            .Resolve()
            .WithServices<SavedCohorts, ReferenceDateLoader, AuditLog>()
            .ResolveAsync(async (context, cohorts, referenceDate, audit) =>
            {
                var latest = (await cohorts.FindAsync(context.GetArgument<string>("id"), null, context.CancellationToken))!;
                var snapshot = await cohorts.RecordSnapshotAsync(latest, await referenceDate.GetAsync(context.CancellationToken), SubjectOf(context), context.CancellationToken);
                audit.RecordCohortChange(context, latest.Id);
                return snapshot;
            });
    }

    private static string SubjectOf(IResolveFieldContext context) => context.User!.FindFirst(PhmRoles.SubjectClaim)?.Value ?? "unknown";
}
