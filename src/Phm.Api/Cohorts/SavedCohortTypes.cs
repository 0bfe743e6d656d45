using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Patients;
using Phm.Api.Practices;
using Phm.Data.Cohorts;
using Phm.Data.Impactability;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

/// <summary>A version of a saved cohort with its cohort's latest evaluation (any version), read together so a list needs no more queries.</summary>
public sealed record SavedCohort(CohortDefinition Definition, CohortSnapshot? LatestEvaluation);

public sealed class SavedCohortType : ObjectGraphType<SavedCohort>
{
    public SavedCohortType()
    {
        Name = "SavedCohort";
        Description = "A version of a saved cohort definition: who belongs to it, whose it is, which PCN it is for. Clinicians see their PCN's cohorts, analysts and administrators every cohort.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The cohort's stable id (a slug), the same in every version.").Resolve(context => context.Source.Definition.Key);
        Field<NonNullGraphType<IntGraphType>>("version").Description("1 for the first version, one more for each revision; older versions are kept.").Resolve(context => context.Source.Definition.Version);
        Field<NonNullGraphType<IntGraphType>>("definitionId").Description("This version's number in the store, as the audit trail's cohortId names it.").Resolve(context => context.Source.Definition.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("What the team calls it.").Resolve(context => context.Source.Definition.Name);
        Field<StringGraphType>("description").Description("What it is for and who is in it, in words.").Resolve(context => context.Source.Definition.Description);
        Field<NonNullGraphType<StringGraphType>>("owner").Description("Who saved the first version (a token subject); \"phm\" for built-in cohorts.").Resolve(context => context.Source.Definition.Owner);
        Field<NonNullGraphType<StringGraphType>>("authoredBy").Description("Who wrote this version (a token subject).").Resolve(context => context.Source.Definition.AuthoredBy);
        Field<PcnType, Pcn?>("pcn")
            .Description("The PCN whose registered patients the cohort is drawn from; null for a city-wide cohort.")
            .Resolve()
            .WithService<PcnByCodeLoader>()
            .ResolveAsync((context, loader) => context.Source.Definition.PcnCode is { } pcn ? loader.LoadAsync(pcn) : new KnownResult<Pcn?>(null));
        Field<NonNullGraphType<StringGraphType>>("criteriaJson")
            .Description("The criteria as versioned JSON ({\"version\":1,\"criteria\":{...}}); save it as a new cohort to copy this one.")
            .Resolve(context => context.Source.Definition.CriteriaJson);
        Field<StringGraphType>("parametersJson").Description("The thresholds a built-in cohort's criteria were made from, as JSON; null for criteria written by hand.").Resolve(context => context.Source.Definition.ParametersJson);
        Field<NonNullGraphType<BooleanGraphType>>("builtIn").Description("A One Team cohort the hub provides: only administrators revise or retire it.").Resolve(context => context.Source.Definition.IsBuiltIn);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When this version was saved (UTC).").Resolve(context => context.Source.Definition.CreatedAtUtc);
        Field<DateTimeOffsetGraphType>("retiredAt").Description("When the cohort was retired (UTC); null while it is in use.").Resolve(context => context.Source.Definition.RetiredAtUtc);
        Field<CohortEvaluationRecordType, CohortSnapshot>("latestEvaluation")
            .Description("The cohort's latest recorded evaluation (of any version; evaluateSavedCohort records one); null if none.")
            .Resolve(context => context.Source.LatestEvaluation);
        Field<NonNullGraphType<CohortEvaluationType>, CohortEvaluation>("evaluate")
            .Description("This version evaluated now, at the store's reference date, as evaluateCohort evaluates criteria; every page of members read is "
                + "audited with the cohort's definitionId. Reading it records nothing; evaluateSavedCohort records an evaluation.")
            .Argument<CohortCriteriaInputType>("filter", arg => arg.Description =
                "Only the members who also meet these criteria, e.g. a practice, risk tiers, quintiles or ages: { all: [{ practice: \"J82001\" }, "
                + "{ risk: { model: \"emergency-admission-12m\", tiers: [VERY_HIGH] } }] }. count, members and characterisation are then of those "
                + "members (under the same disclosure control); why still explains the cohort's own criteria. Checked as evaluateCohort checks criteria.")
            .Argument<DateTimeOffsetGraphType>("enteredSince", arg => arg.Description =
                "Only the members who were not members at the cohort's latest recorded evaluation at or before this time, e.g. the latest "
                + "evaluation's evaluatedAt for who entered since the last review. NO_EVALUATION_SINCE when there is no such evaluation.")
            .ValidateArguments(async context =>
            {
                if (context.GetArgument<CohortCriteria?>("filter") is { } filter)
                    await CohortCriteriaArgument.ValidateAsync(context, filter, "filter");
            })
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader, ImpactabilitySignals, SavedCohorts>()
            .ResolveAsync(async (context, db, referenceDate, impactability, cohorts) =>
            {
                var definition = context.Source.Definition;
                long? enteredAfter = null;
                if (context.GetArgument<DateTimeOffset?>("enteredSince") is { } since)
                    enteredAfter = (await cohorts.LatestSnapshotAtOrBeforeAsync(definition.Key, since, context.CancellationToken))?.Id
                        ?? throw new NoEvaluationSinceError("enteredSince", definition.Key);
                return new CohortEvaluation(definition.ScopedCriteria, db, await referenceDate.GetAsync(context.CancellationToken), impactability, definition.Id,
                    new CohortMemberFilter(context.GetArgument<CohortCriteria?>("filter"), enteredAfter), CohortEvaluation.ReadsMembers(context));
            });
    }
}

public sealed class CohortEvaluationRecordType : ObjectGraphType<CohortSnapshot>
{
    public CohortEvaluationRecordType()
    {
        Name = "CohortEvaluationRecord";
        Description = "A recorded evaluation of a saved cohort (evaluateSavedCohort): when, of which version, at which reference date, and how many were in it.";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("evaluatedAt").Description("When it was evaluated (UTC).").Resolve(context => context.Source.EvaluatedAtUtc);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The cohort's version evaluated.").Resolve(context => context.Source.Version);
        Field(s => s.ReferenceDate).Description("The store's reference date the criteria were judged at.");
        Field<IntGraphType, int?>("count")
            .Description("Patients in the cohort then: exact for clinicians and administrators. " + DisclosureDescriptions.Rule
                + " Its cell key is its members', so the same members show the same count, recorded or evaluated now.")
            .Resolve()
            .WithService<SnapshotCellBySnapshotIdLoader>()
            .ResolveAsync((context, cells) => Shown(context.Source, cells, Disclosure.For(context.User)).Then(shown => shown.Count));
        Field<SuppressionReasonType, SuppressionReason?>("countSuppression")
            .Description("Why count is null for an analyst: SMALL_COUNT; null when it is shown.")
            .Resolve()
            .WithService<SnapshotCellBySnapshotIdLoader>()
            .ResolveAsync((context, cells) => Shown(context.Source, cells, Disclosure.For(context.User)).Then(shown => shown.Suppression));
    }

    /// <summary>The recorded count as shown: exact without a query, else perturbed by its members' cell key.</summary>
    private static GraphQL.DataLoader.IDataLoaderResult<ShownCount> Shown(CohortSnapshot snapshot, SnapshotCellBySnapshotIdLoader cells, DisclosureControl control) =>
        control == DisclosureControl.Exact
            ? new KnownResult<ShownCount>(new ShownCount(snapshot.Count, null))
            : cells.LoadAsync(snapshot.Id).Then(cell => Disclosure.Count(cell, control));
}

/// <summary>A cohort's changes, with the PCN it is for, so the patients are read through the caller's scope.</summary>
public sealed class CohortChangesType : ObjectGraphType<CohortChanges>
{
    public CohortChangesType()
    {
        Name = "CohortChanges";
        Description = "Who entered and who left a saved cohort between two recorded evaluations.";
        Field<NonNullGraphType<CohortEvaluationRecordType>, CohortSnapshot>("from").Description("The latest evaluation at or before `since`.").Resolve(context => context.Source.From);
        Field<NonNullGraphType<CohortEvaluationRecordType>, CohortSnapshot>("to").Description("The latest evaluation.").Resolve(context => context.Source.To);
        Field<IntGraphType>("enteredCount")
            .Description("Patients in `to` but not in `from`: exact for clinicians and administrators. " + DisclosureDescriptions.Rule)
            .Resolve(context => Disclosure.Count(CellCount.Of(context.Source.Entered), Disclosure.For(context.User)).Count);
        Field<SuppressionReasonType>("enteredCountSuppression")
            .Description("Why enteredCount is null for an analyst: SMALL_COUNT; null when it is shown.")
            .Resolve(context => Disclosure.Count(CellCount.Of(context.Source.Entered), Disclosure.For(context.User)).Suppression);
        Field<IntGraphType>("leftCount")
            .Description("Patients in `from` but not in `to`: exact for clinicians and administrators. " + DisclosureDescriptions.Rule)
            .Resolve(context => Disclosure.Count(CellCount.Of(context.Source.Left), Disclosure.For(context.User)).Count);
        Field<SuppressionReasonType>("leftCountSuppression")
            .Description("Why leftCount is null for an analyst: SMALL_COUNT; null when it is shown.")
            .Resolve(context => Disclosure.Count(CellCount.Of(context.Source.Left), Disclosure.For(context.User)).Suppression);
        PatientsField("entered", "The patients who entered, in id order", changes => changes.Entered);
        PatientsField("left", "The patients who left, in id order (those no longer registered in the PCN are counted in leftCount but not listed)", changes => changes.Left);
    }

    private void PatientsField(string name, string description, Func<CohortChanges, IReadOnlyList<int>> patientIds) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PatientType>>>, IReadOnlyList<Patient>>(name)
            .Description(description + ". Clinicians only; audited with the cohort's definitionId.")
            .AllowRoles(PhmRoles.Clinician)
            .Resolve()
            .WithServices<PhmDbContext, AuditLog>()
            .ResolveAsync(async (context, db, audit) =>
            {
                var ids = patientIds(context.Source);
                // Through the caller's scoped context: a patient since registered elsewhere is not shown. The ids are one array-like
                // parameter: a revised definition can move thousands, past SQL Server's 2,100 parameters a statement.
                var patients = await db.Patients.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id)).OrderBy(p => p.Pseudonym).ToListAsync(context.CancellationToken);
                audit.RecordPatientRead(context, patients.Count, cohortId: context.Source.To.DefinitionId);
                return (IReadOnlyList<Patient>)patients;
            });
}
