using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Aggregates;
using Phm.Data.Cohorts;
using Phm.Data.Geography;
using Phm.Data.Governance;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Practices;
using Phm.Data.Risk;
using Phm.Data.Segmentation;

namespace Phm.Data.Store;

/// <summary>
/// The one model of the store. Each database provider derives its own context, which owns that provider's migrations
/// and bulk copy; everything else works with this base type.
/// </summary>
public abstract class PhmDbContext : DbContext
{
    protected PhmDbContext(DbContextOptions options) : base(options)
    {
        // Append-only: the audit trail is only ever added to.
        SavingChanges += (_, _) =>
        {
            if (ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
                throw new InvalidOperationException("Audit events cannot be changed or deleted.");
        };
    }

    /// <summary>
    /// Which patients this context reads. A pooled context keeps its fields between uses, so whoever hands a context out
    /// sets this (see <see cref="PhmDatabase"/> and <see cref="PhmDataServiceCollectionExtensions"/>).
    /// </summary>
    public PatientScope PatientScope { get; set; } = PatientScope.Everyone;

    /// <summary>
    /// Whether a read that fails because the server is unreachable may be tried again (PostgreSQL; see
    /// <see cref="Postgres.PostgresReadRetryStrategy"/>): set on a request's context, reset like <see cref="PatientScope"/>.
    /// </summary>
    public bool RetryReads { get; set; }

    /// <summary>
    /// Whether the rows the store derives by rule (<see cref="ActivityHistories"/>, <see cref="RegistersHeld"/>, <see cref="PatientSegments"/>)
    /// are kept for <paramref name="date"/>: on the store's reference date, the one day they are written for (with the store, and for the
    /// patients each ingest touches), they are the rules' answer, read from an index instead of worked out again from the records. Any
    /// other day (training's past dates), or a store not built yet, needs the rules.
    /// </summary>
    public Task<bool> KeepsDerivedRowsOnAsync(DateOnly date, CancellationToken cancellationToken) =>
        Manifest.AnyAsync(m => m.ReferenceDate == date, cancellationToken);

    /// <summary>
    /// Reads <paramref name="query"/> (of this context) into a list under <see cref="WholeReadStrategy"/>, so that a read that fails
    /// with the server gone is run again whole, and EF Core does not first copy every row into a buffer of its own, which it does
    /// for a query that could be retried on its own (4-6% of the hub's CPU under a page of patients on PostgreSQL, README "Speed
    /// against PostGraphile").
    /// </summary>
    public Task<List<T>> ReadWholeAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        WholeReadStrategy().ExecuteAsync(query, static (query, token) => query.ToListAsync(token), cancellationToken);

    /// <summary><see cref="ReadWholeAsync{T}(IQueryable{T}, CancellationToken)"/> of a compiled query, run on this context.</summary>
    public Task<List<T>> ReadWholeAsync<T>(Func<PhmDbContext, IAsyncEnumerable<T>> compiledQuery, CancellationToken cancellationToken) =>
        WholeReadStrategy().ExecuteAsync((Context: this, Query: compiledQuery), static async (read, token) =>
        {
            List<T> rows = [];
            await foreach (var row in read.Query(read.Context).WithCancellation(token))
                rows.Add(row);
            return rows;
        }, cancellationToken);

    /// <summary>The provider's strategy for a read retried whole (<see cref="ReadWholeAsync{T}(IQueryable{T}, CancellationToken)"/>); the context's own where it never retries.</summary>
    internal virtual IExecutionStrategy WholeReadStrategy() => Database.CreateExecutionStrategy();

    /// <summary>The scope's PCN, read by the query filters (EF Core parameterises context members per query).</summary>
    private protected string? ScopedPcnCode => PatientScope.PcnCode;

    /// <summary>Whether the scope lists its practices (<see cref="PatientScope.PracticeCodes"/>), so the filters need not look them up.</summary>
    private bool ScopeListsPractices => PatientScope.PracticeCodes is not null;

    private string[] ScopedPracticeCodes => PatientScope.PracticeCodes is { } codes ? [.. codes] : [];

    /// <summary>
    /// The name of the register entries' scope filter, so that a statement reading them through an already scoped patient (a page
    /// with its patients' <c>conditions</c> joined) can lift that filter alone: the join keeps to the page's patients, and the
    /// filter would check each entry's patient against the scope a second time.
    /// </summary>
    public const string ConditionScope = nameof(ConditionScope);

    /// <summary>The name of the patients' scope filter, which <see cref="PatientsOf"/> narrows to one practice.</summary>
    private const string PatientScopeFilter = nameof(PatientScopeFilter);

    /// <summary>
    /// The patients a query of one <paramref name="practice"/> starts from. When the scope lists that practice, its filter is the
    /// practice alone: one equality instead of the PCN's list, which EF Core expands into a parameter per practice and so builds
    /// the statement's SQL anew on every request (under one lock), where a statement of scalar parameters is built once and kept.
    /// Any other practice keeps the whole scope, so it reads no patient of another PCN.
    /// </summary>
    public IQueryable<Patient> PatientsOf(string practice) =>
        ScopeListsPractice(practice) ? PatientsOfListedPractice(ExpressionRules.Captured(practice)) : Patients;

    /// <summary>Whether the scope lists <paramref name="practice"/> among its practices, so that its filter may be that practice alone.</summary>
    public bool ScopeListsPractice(string practice) => PatientScope.PracticeCodes?.Contains(practice) == true;

    /// <summary>
    /// <see cref="PatientsOf"/> for a practice the scope lists, given as an expression (a captured value, or a compiled query's
    /// parameter): only for a practice that <see cref="ScopeListsPractice"/> has answered yes for, on this request's context, as it
    /// lifts the scope's filter for the practice's own.
    /// </summary>
    public IQueryable<Patient> PatientsOfListedPractice(System.Linq.Expressions.Expression practice) =>
        Patients.IgnoreQueryFilters([PatientScopeFilter]).Where(ExpressionRules.Bind(Patient.AtPractice, practice));

    /// <summary>
    /// The name of the risk scores' scope filter, for the same reason: a statement reading scores through already scoped patients
    /// (cohort criteria on risk, <see cref="Cohorts.CohortPredicates"/>; riskDistribution's join) lifts it, and PostgreSQL no longer
    /// looks each score's patient up a second time (a risk-tier One Team cohort's count and first page a quarter of what they were).
    /// </summary>
    public const string RiskScoreScope = nameof(RiskScoreScope);

    /// <summary>
    /// The name of the scope filter of the other records cohort criteria read about a patient at hand (registers held, activities,
    /// care flags, procedures), lifted by <see cref="Cohorts.CohortPredicates.Meeting"/> with <see cref="ConditionScope"/> and
    /// <see cref="RiskScoreScope"/>: each criterion reads them for the already scoped patient, so the filter looked each record's
    /// patient up a second time, which PostgreSQL did for every patient of the PCN (a hash of 230,000 patients to keep a
    /// register's 16,000 entries, at 2,000,000 patients).
    /// </summary>
    public const string CriteriaRecordScope = nameof(CriteriaRecordScope);

    /// <summary>The scope filters lifted from a statement that reads records only through patients already scoped (<see cref="CriteriaRecordScope"/>).</summary>
    public static readonly IReadOnlyList<string> RecordScopesOfScopedPatients = [ConditionScope, RiskScoreScope, CriteriaRecordScope];

    /// <summary>
    /// The activities of <paramref name="patientIds"/> that the scope sees, for a loader by patient: the asked patients the scope
    /// sees are found first (a few ids through the key) and their activities read through the (patient, kind, date) index, with the
    /// activities' own scope filter lifted. That filter made PostgreSQL hash every patient of the PCN to keep one patient's rows
    /// (229,675 patients and 145 ms of CPU for 17 activities, at 2,000,000 patients).
    /// </summary>
    public IQueryable<Activity> ActivitiesOf(IReadOnlyCollection<int> patientIds)
    {
        var seen = Patients.Where(p => patientIds.Contains(p.Id)).Select(p => p.Id);
        return Activities.IgnoreQueryFilters([CriteriaRecordScope]).Where(a => seen.Contains(a.PatientId));
    }

    public DbSet<Lsoa> Lsoas => Set<Lsoa>();
    public DbSet<Pcn> Pcns => Set<Pcn>();
    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<PcnMembership> PcnMemberships => Set<PcnMembership>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Condition> Conditions => Set<Condition>();
    public DbSet<RegisterHeld> RegistersHeld => Set<RegisterHeld>();
    public DbSet<PatientSegment> PatientSegments => Set<PatientSegment>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityHistory> ActivityHistories => Set<ActivityHistory>();
    public DbSet<CareFlag> CareFlags => Set<CareFlag>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<StoreManifest> Manifest => Set<StoreManifest>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<QuarantinedRecord> Quarantine => Set<QuarantinedRecord>();
    public DbSet<IngestedRecord> IngestedRecords => Set<IngestedRecord>();
    public DbSet<ScoredModel> ScoredModels => Set<ScoredModel>();
    public DbSet<RiskScore> RiskScores => Set<RiskScore>();
    public DbSet<CohortDefinition> CohortDefinitions => Set<CohortDefinition>();
    public DbSet<CohortSnapshot> CohortSnapshots => Set<CohortSnapshot>();
    public DbSet<PopulationCell> PopulationCells => Set<PopulationCell>();
    public DbSet<RiskScoreCell> RiskScoreCells => Set<RiskScoreCell>();

    /// <summary>The fastest way this provider takes many rows, inside the context's current transaction.</summary>
    internal abstract IBulkCopy CreateBulkCopy();

    /// <summary>How a model's scores take the place of its old ones (<see cref="ScoredModelWriter"/>).</summary>
    internal virtual IModelScoresReplacement CreateScoresReplacement() => new ScoresReplacedInPlace(this);

    /// <summary>
    /// Makes this context's statements, until the returned transaction ends, run in the server's one process: for a pass over a
    /// whole table read in index order, where the server's parallel workers cost more than they save (PostgreSQL). Null where
    /// the provider has no such workers to turn off.
    /// </summary>
    public virtual Task<IDbContextTransaction?> BeginSingleProcessReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IDbContextTransaction?>(null);

    /// <summary>
    /// The activity histories the store keeps (<see cref="ActivityHistory"/>), in patient then kind order, read synchronously as
    /// they stream: the risk features' one pass over every patient's.
    /// </summary>
    public virtual IEnumerable<ActivityHistory> ReadKeptActivityHistories() => KeptActivityHistoriesInOrder().AsEnumerable();

    /// <summary>The statement of <see cref="ReadKeptActivityHistories"/>.</summary>
    private protected IQueryable<ActivityHistory> KeptActivityHistoriesInOrder() =>
        ActivityHistories.AsNoTracking().OrderBy(h => h.PatientId).ThenBy(h => h.Kind);

    /// <summary>
    /// Whether a page by pseudonym of candidates known to be few (one PCN's) is better sorted from every match than looked for along
    /// the pseudonym index: true where the planner cannot estimate criteria on records and would walk the index (PostgreSQL, see
    /// <c>PatientPages</c> in the API); SQLite's plans are left as they are.
    /// </summary>
    public virtual bool SortsFewMatchesBeforePaging => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Day numbers instead of ISO text: a third smaller on disk and cheaper to compare (see performance notes).
        configurationBuilder.Properties<DateOnly>().HaveConversion<DateOnlyDayNumberConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PhmDbContext).Assembly);

        // A scoped context sees only the patients registered, at the store's reference date, at a practice of its PCN, and only
        // their records: no query, loader or cursor built on this context can reach another PCN's patient.
        modelBuilder.Entity<Patient>().HasQueryFilter(PatientScopeFilter, PracticeInScope<Patient>(p => p.PracticeCode));
        // The kept cells are by practice: the same filter on their practice keeps a clinician to its PCN's cells.
        modelBuilder.Entity<PopulationCell>().HasQueryFilter(PracticeInScope<PopulationCell>(c => c.PracticeCode));
        modelBuilder.Entity<RiskScoreCell>().HasQueryFilter(PracticeInScope<RiskScoreCell>(c => c.PracticeCode));
        modelBuilder.Entity<Condition>().HasQueryFilter(ConditionScope, RecordInScope<Condition>(c => c.PatientId));
        modelBuilder.Entity<RegisterHeld>().HasQueryFilter(CriteriaRecordScope, RecordInScope<RegisterHeld>(h => h.PatientId));
        modelBuilder.Entity<PatientSegment>().HasQueryFilter(RecordInScope<PatientSegment>(s => s.PatientId));
        modelBuilder.Entity<Activity>().HasQueryFilter(CriteriaRecordScope, RecordInScope<Activity>(a => a.PatientId));
        modelBuilder.Entity<ActivityHistory>().HasQueryFilter(CriteriaRecordScope, RecordInScope<ActivityHistory>(h => h.PatientId));
        modelBuilder.Entity<CareFlag>().HasQueryFilter(CriteriaRecordScope, RecordInScope<CareFlag>(f => f.PatientId));
        modelBuilder.Entity<Prescription>().HasQueryFilter(RecordInScope<Prescription>(m => m.PatientId));
        modelBuilder.Entity<Procedure>().HasQueryFilter(CriteriaRecordScope, RecordInScope<Procedure>(r => r.PatientId));
        modelBuilder.Entity<RiskScore>().HasQueryFilter(RiskScoreScope, RecordInScope<RiskScore>(s => s.PatientId));
        modelBuilder.Entity<GeneratorTruth>().HasQueryFilter(RecordInScope<GeneratorTruth>(t => t.PatientId));
        modelBuilder.Entity<CohortSnapshotMember>().HasQueryFilter(RecordInScope<CohortSnapshotMember>(m => m.PatientId));
    }

    /// <summary>
    /// Whether the patient of a record (<paramref name="patientOf"/>) is one of the scoped patients: the scope filter of every record
    /// about a patient (<see cref="RecordInScope{T}"/>), and what a statement that lifted those filters
    /// (<see cref="RecordScopesOfScopedPatients"/>) applies again where reading the PCN's patients first is the cheaper plan
    /// (<see cref="Cohorts.CohortPredicates"/>' entries of registers held by many).
    /// </summary>
    public Expression<Func<T, bool>> OfScopedPatient<T>(Expression<Func<T, int>> patientOf)
    {
        Expression<Func<int, bool>> scoped = patient => Patients.Any(p => p.Id == patient);
        return ExpressionRules.Applied(scoped, patientOf);
    }

    /// <summary>A record about a patient is in scope when the scope is everyone's or its patient is one of the scoped patients.</summary>
    private Expression<Func<T, bool>> RecordInScope<T>(Expression<Func<T, int>> patientOf)
    {
        var ofScopedPatient = OfScopedPatient(patientOf);
        Expression<Func<bool>> everyone = () => ScopedPcnCode == null;
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(everyone.Body, ofScopedPatient.Body), ofScopedPatient.Parameters);
    }

    /// <summary>
    /// Whether the practice of a row (<paramref name="practiceOf"/>) is one the scope sees: every practice, or one of its PCN's at the
    /// store's reference date. The membership is looked up in SQL only when the scope does not list its practices: the database skips
    /// the branch whose parameter is false, and a list is far cheaper than a lookup per row.
    /// </summary>
    private Expression<Func<T, bool>> PracticeInScope<T>(Expression<Func<T, string>> practiceOf)
    {
        var inScope = ExpressionRules.Inline<Func<string, bool>>(practice => ScopedPcnCode == null
            || (ScopeListsPractices && ScopedPracticeCodes.Contains(practice))
            || (!ScopeListsPractices && PcnMemberships.Any(m =>
                m.PcnCode == ScopedPcnCode && m.PracticeCode == practice
                && Manifest.Any(r => PcnMembership.InForceOn.Invoke(m, r.ReferenceDate)))));
        return ExpressionRules.Applied(inScope, practiceOf);
    }
}
