using System.Linq.Expressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Patients;
using Phm.Api.Risk;
using Phm.Data.Cohorts;
using Phm.Data.Governance;
using Phm.Data.Impactability;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

/// <summary>
/// Criteria evaluated at the store's reference date, over the request's (scoped) context: nothing is read until a field asks.
/// A saved cohort's evaluation is the same, with its <see cref="CohortId"/> (recorded with every read of its members), and may be
/// narrowed by a <see cref="CohortMemberFilter"/> (a worklist's filter), which the members' why does not explain.
/// With <paramref name="readsMembers"/> (the request asks for a page of members by risk too), the members' ids are read once when they are
/// few (<see cref="FewMemberIdsAsync"/>), and the count and the page are both made from them: each would otherwise evaluate the
/// criteria over the whole PCN again.
/// </summary>
public sealed class CohortEvaluation(
    CohortCriteria criteria, PhmDbContext db, DateOnly referenceDate, ImpactabilitySignals impactability, int? cohortId = null, CohortMemberFilter? filter = null,
    bool readsMembers = false)
{
    private Task<CellCount>? _cell;
    private Task<IReadOnlyList<int>?>? _fewMemberIds;

    public CohortCriteria Criteria => criteria;

    public DateOnly ReferenceDate => referenceDate;

    public int? CohortId => cohortId;

    /// <summary>The members, as one SQL condition on the patients the context may read.</summary>
    public IQueryable<Patient> Patients { get; } = (filter ?? CohortMemberFilter.None).Apply(db.Patients.Meeting(criteria, db, referenceDate, impactability), db, referenceDate, impactability).AsNoTracking();

    /// <summary>The hub's impactability rules, for criteria and explanations that name a signal.</summary>
    public ImpactabilitySignals Impactability => impactability;

    /// <summary>The exact number of members, counted once per request.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) => (await CellAsync(cancellationToken)).Count;

    /// <summary>
    /// The members' count with the sum of their record keys, in one statement: an analyst's count is perturbed by its cell key,
    /// so two criteria whose members differ by one patient differ by noise, not by that patient.
    /// </summary>
    public Task<CellCount> CellAsync(CancellationToken cancellationToken) => _cell ??= readsMembers ? CellOfMembersAsync(cancellationToken) : Patients.CellAsync(p => p.Id, cancellationToken);

    /// <summary>
    /// The members' ids when at most <see cref="PatientPages.FewPatients"/> (a page sorts them all), else null; read once per
    /// request, in one statement that finds every member before it keeps the first (a sort key no index holds), as the count does.
    /// At 2,000,000 patients on PostgreSQL, Living Well's 285 members of a PCN of 240,000 cost some 300 ms of database CPU to find,
    /// once for the count and once more for the page.
    /// </summary>
    public Task<IReadOnlyList<int>?> FewMemberIdsAsync(CancellationToken cancellationToken) => _fewMemberIds ??= ReadFewMemberIdsAsync(cancellationToken);

    /// <summary>
    /// Whether the <c>evaluate</c> field being resolved asks for a page of members in <c>RISK_DESC</c> order, the one page made from the
    /// few members' ids. A page in another order is read along its own sort, so reading the ids first would only add a statement (and
    /// for a cohort of more than <see cref="PatientPages.FewPatients"/>, evaluate the criteria once more before the count).
    /// </summary>
    public static bool ReadsMembers(IResolveFieldContext context) =>
        context.SubFields?.Values.Any(member => member.FieldType.Name == "members"
            && ExecutionHelper.GetArguments(member.FieldType.Arguments, member.Field.Arguments, context.Variables, context.Document, member.Field, null)
                is { } arguments && arguments.TryGetValue("orderBy", out var order) && order.Value is CohortMemberOrder.RiskDesc) == true;

    private async Task<IReadOnlyList<int>?> ReadFewMemberIdsAsync(CancellationToken cancellationToken)
    {
        var ids = await Patients.Select(p => p.Id).OrderBy(IdSortedAfterFiltering).Take(PatientPages.FewPatients + 1).ToListAsync(cancellationToken);
        return ids.Count <= PatientPages.FewPatients ? ids : null;
    }

    /// <summary>The id as a sort key no index holds, so that the database finds every member before it keeps the first ones.</summary>
    private static readonly Expression<Func<int, int>> IdSortedAfterFiltering = id => id + 0;

    private async Task<CellCount> CellOfMembersAsync(CancellationToken cancellationToken) =>
        await FewMemberIdsAsync(cancellationToken) is { } ids ? CellCount.Of(ids) : await Patients.CellAsync(p => p.Id, cancellationToken);

    /// <summary>The members for <see cref="CohortCharacterisationType"/>, whose total is this evaluation's count (the same cell, counted once).</summary>
    public CohortCharacterisationSource Characterisation(DisclosureControl control) => new(Patients, db, referenceDate, control, CellAsync);
}

public sealed class CohortEvaluationType : ObjectGraphType<CohortEvaluation>
{
    public const string DefaultRiskModel = "emergency-admission-12m";

    public CohortEvaluationType()
    {
        Name = "CohortEvaluation";
        Description = "The patients meeting cohort criteria at the store's reference date: how many, and for clinicians who they are and why.";
        Field<NonNullGraphType<StringGraphType>>("criteria")
            .Description("The criteria as stored JSON ({\"version\":1,\"criteria\":{...}}, the same names as the CohortCriteria input), to save or compare.")
            .Resolve(context => CohortCriteriaJson.Write(context.Source.Criteria));
        Field<IntGraphType, int?>("count")
            .Description("How many patients meet the criteria (for a clinician, of their PCN). " + DisclosureDescriptions.Rule)
            .ResolveAsync(async context => Disclosure.Count(await context.Source.CellAsync(context.CancellationToken), Disclosure.For(context.User)).Count);
        Field<SuppressionReasonType, SuppressionReason?>("countSuppression")
            .Description("Why count is null, when disclosure control suppressed it; null otherwise.")
            .ResolveAsync(async context => Disclosure.Count(await context.Source.CellAsync(context.CancellationToken), Disclosure.For(context.User)).Suppression);
        Field<NonNullGraphType<CohortCharacterisationType>, CohortCharacterisationSource>("characterisation")
            .Description("Who the members are: age band by sex, quintiles, top registers, risk tiers and activity per 1,000, under the same disclosure control as count.")
            .Resolve(context => context.Source.Characterisation(Disclosure.For(context.User)));
        Field<NonNullGraphType<ConnectionType<CohortMemberType>>, Connection<CohortMember>>("members")
            .Description("The patients meeting the criteria, a page at a time, each with why. Clinicians only (their own PCN's patients); every page read is audited.")
            .AllowRoles(PhmRoles.Clinician)
            .Argument<CohortMemberOrderType>("orderBy", arg =>
            {
                arg.Description = "The order of the pages: ID (by pseudonym), RISK_DESC (highest risk first by the model argument), or IMPACTABILITY_DESC "
                    + "(most impactability signals first, then by id: see Patient.impactability).";
                arg.DefaultValue = CohortMemberOrder.Id;
            })
            .Argument<StringGraphType>("model", arg =>
            {
                arg.Description = $"The risk model whose ranks order RISK_DESC; {DefaultRiskModel} if not given.";
                arg.DefaultValue = DefaultRiskModel;
            })
            .PageArguments("Members", "member")
            .ValidateArguments(async context =>
            {
                if (context.GetArgument("orderBy", CohortMemberOrder.Id) == CohortMemberOrder.ImpactabilityDesc)
                {
                    PatientPages.ValidateImpactabilityPageArguments(context);
                    return;
                }
                var model = RiskModelOf(context.GetArgument("orderBy", CohortMemberOrder.Id), context.GetArgument<string?>("model"));
                if (model is not null)
                    await RiskModelNotFoundError.ThrowIfUnknownAsync(context.RequestServices!.GetRequiredService<ScoredModelsLoader>(), "model", model, context.CancellationToken);
                PatientPages.ValidatePageArguments(context, model);
            })
            .Resolve()
            .WithServices<PhmDbContext, AuditLog>()
            .ResolveAsync(async (context, db, audit) =>
            {
                var evaluation = context.Source;
                var model = RiskModelOf(context.GetArgument("orderBy", CohortMemberOrder.Id), context.GetArgument<string?>("model"));
                var countsMembers = context.SubFields?.ContainsKey("totalCount") == true;
                var page = context.GetArgument("orderBy", CohortMemberOrder.Id) == CohortMemberOrder.ImpactabilityDesc
                    ? await PatientPages.PageByImpactabilityAsync(evaluation.Patients, evaluation.Impactability.Count(db, evaluation.ReferenceDate),
                        Paging.First(context), context.GetArgument<string?>("after"), context.CancellationToken)
                    : await PatientPages.PageAsync(evaluation.Patients, db, model, Paging.First(context), context.GetArgument<string?>("after"),
                        // The members are at most one PCN's patients (members are for clinicians, scoped to their PCN): finding them all
                        // before sorting costs what the count does, where the provider's planner would walk the pseudonym index for them.
                        // The members are the count's patients, counted once: when the total is asked for, read first, it tells a
                        // RISK_DESC page whether they are few.
                        countTotal: false, sortEveryMatch: db.SortsFewMatchesBeforePaging, context.CancellationToken, countsMembers ? evaluation.CountAsync : null,
                        evaluation.FewMemberIdsAsync);
                var totalCount = countsMembers ? await evaluation.CountAsync(context.CancellationToken) : (int?)null;
                audit.RecordPatientRead(context, page.Edges!.Count, evaluation.CohortId);
                var why = new CohortWhyLoader(db, evaluation, [.. page.Edges.Select(e => e.Node!.Id)]);
                return new Connection<CohortMember>
                {
                    TotalCount = totalCount,
                    PageInfo = page.PageInfo,
                    Edges = [.. page.Edges.Select(e => new Edge<CohortMember> { Cursor = e.Cursor, Node = new CohortMember(e.Node!, why) })],
                };
            });
    }

    /// <summary>The model whose ranks order the page; null for id order (the model argument is then not used).</summary>
    private static string? RiskModelOf(CohortMemberOrder order, string? model) => order switch
    {
        CohortMemberOrder.RiskDesc => model ?? DefaultRiskModel,
        _ => null,
    };
}

/// <summary>
/// Which of a saved cohort's members a worklist shows: those also meeting <see cref="Criteria"/> (a practice, tiers, quintiles, ages …),
/// and, with <see cref="EnteredAfterSnapshotId"/>, only those who were not members of that recorded evaluation.
/// </summary>
public sealed record CohortMemberFilter(CohortCriteria? Criteria, long? EnteredAfterSnapshotId)
{
    public static readonly CohortMemberFilter None = new(null, null);

    public IQueryable<Patient> Apply(IQueryable<Patient> members, PhmDbContext db, DateOnly referenceDate, ImpactabilitySignals impactability)
    {
        if (Criteria is not null)
            members = members.Meeting(Criteria, db, referenceDate, impactability);
        return EnteredAfterSnapshotId is { } snapshot ? SavedCohorts.NotIn(members, db, snapshot) : members;
    }
}

/// <summary>A member of an evaluated cohort, with the page's explanations (read once for the whole page when <c>why</c> is asked).</summary>
public sealed record CohortMember(Patient Patient, CohortWhyLoader Why);

/// <summary>
/// The <c>why</c> of a page of members: the first member asked for loads every member's lines (<see cref="CohortExplanation"/>:
/// one query per kind of predicate for the page); the rest wait for the same load.
/// </summary>
public sealed class CohortWhyLoader(PhmDbContext db, CohortEvaluation evaluation, IReadOnlyCollection<int> patientIds)
{
    private Task<IReadOnlyDictionary<int, IReadOnlyList<WhyLine>>>? _lines;

    public async Task<IReadOnlyList<WhyLine>?> LinesOfAsync(int patientId, CancellationToken cancellationToken) =>
        (await (_lines ??= CohortExplanation.ExplainAsync(db, evaluation.Criteria, patientIds, evaluation.ReferenceDate, cancellationToken, evaluation.Impactability)))[patientId];
}

public sealed class CohortMemberType : ObjectGraphType<CohortMember>
{
    public CohortMemberType()
    {
        Name = "CohortMember";
        Description = "A patient meeting the cohort's criteria, and why.";
        Field<NonNullGraphType<PatientType>>("patient").Description("The patient.").Resolve(context => context.Source.Patient);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WhyLineType>>>, IReadOnlyList<WhyLine>>("why")
            .Description("A line for every node of the criteria, in the order they are written: each predicate with the patient's value and whether it held, "
                + "each all/any with how many of its branches held (any names them), each not with whether the criterion under it held.")
            .ResolveAsync(context => context.Source.Why.LinesOfAsync(context.Source.Patient.Id, context.CancellationToken));
    }
}

public sealed class WhyLineType : ObjectGraphType<WhyLine>
{
    public WhyLineType()
    {
        Name = "WhyLine";
        Description = "One node of the criteria judged for one patient, e.g. \"A&E attendances in the last 12 months: 7, at least 5\".";
        Field(l => l.Path).Description("Where the node is in the criteria, e.g. criteria.all[1].activity.");
        Field(l => l.Criterion).Description("The criterion in words, e.g. \"A&E attendances in the last 12 months, at least 5\".");
        Field(l => l.Value).Description("The patient's value in words, e.g. \"7\", \"since 2019-03-01\", \"very high, 99.8th percentile\".");
        Field(l => l.Held).Description("Whether the node held for the patient (for a node under not or any, it may not have).");
        Field(l => l.Text).Description("The line as a person reads it: the subject, the patient's value and what was asked.");
    }
}

/// <summary>The order of a page of cohort members.</summary>
public enum CohortMemberOrder
{
    /// <summary>By id (pseudonym).</summary>
    Id,

    /// <summary>Highest risk first, by the rank of the model argument.</summary>
    RiskDesc,

    /// <summary>Most impactability signals first (the people a team can most help), then by id.</summary>
    ImpactabilityDesc,
}

public sealed class CohortMemberOrderType : EnumerationGraphType<CohortMemberOrder>
{
    public CohortMemberOrderType()
    {
        Name = "CohortMemberOrder";
        Description = "The order of a page of cohort members: ID (by pseudonym), or RISK_DESC (highest risk first by a risk model; its ranks are unique, so pages never overlap).";
    }
}
