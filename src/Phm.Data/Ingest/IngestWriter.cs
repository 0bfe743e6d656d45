using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Ingest;

/// <summary>Where a record came from: a file name and a row number or a resource's position, never an identifier.</summary>
public readonly record struct SourceRef(string Source, string Reference);

/// <summary>One reason a record was refused; the reason never repeats an identifying value.</summary>
public sealed record FieldProblem(string Field, string Reason);

/// <summary>
/// Takes validated records from the readers, checks them against the store (known practice and LSOA, known patient,
/// not loaded before) and writes them one transaction per batch, quarantined records in the same transaction, so a crash
/// leaves no half batch. Ingest assumes it is the store's only writer while it runs.
/// </summary>
internal sealed class IngestWriter : IAsyncDisposable
{
    private readonly PhmDbContext _db;
    private readonly IngestOptions _options;
    private readonly TimeProvider _time;
    private readonly IProgress<IngestSummary>? _progress;
    private readonly IBulkCopy _bulkCopy;
    private readonly QuarantineFile _file;
    private readonly HashSet<string> _practices;
    private readonly HashSet<string> _lsoas;

    /// <summary>Pseudonym to store id, for patients in the store and those waiting in the batch.</summary>
    private readonly Dictionary<string, int> _patientIds;

    private readonly HashSet<string> _keys;
    private readonly HashSet<(string Source, string Reference, string Field)> _quarantined;
    private readonly PopulationRows _rows;
    private readonly BulkRowBuffer _keyRows;
    private readonly List<QuarantinedRecord> _pendingQuarantine = [];
    private int _nextPatientId;
    private long _nextConditionId;
    private long _nextActivityId;
    private long _nextCareFlagId;
    private long _pendingRecords;

    private IngestWriter(PhmDbContext db, IngestOptions options, TimeProvider time, IProgress<IngestSummary>? progress, QuarantineFile file, StoreState state)
    {
        _db = db;
        _options = options;
        _time = time;
        _progress = progress;
        _file = file;
        _bulkCopy = db.CreateBulkCopy();
        var model = db.GetService<IDesignTimeModel>().Model;
        _rows = new PopulationRows(model);
        _keyRows = new BulkRowBuffer(PopulationRows.TableOf(model, typeof(IngestedRecord)), nameof(IngestedRecord.Key));
        (_practices, _lsoas, _patientIds, _keys, _quarantined) = (state.Practices, state.Lsoas, state.PatientIds, state.Keys, state.Quarantined);
        (_nextPatientId, _nextConditionId, _nextActivityId, _nextCareFlagId) = (state.MaxPatientId + 1, state.MaxConditionId + 1, state.MaxActivityId + 1, state.MaxCareFlagId + 1);
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Summary = new IngestSummary();
    }

    public IngestSummary Summary { get; }

    /// <summary>Nothing the store holds may be dated after this.</summary>
    public DateOnly Today { get; }

    public static async Task<IngestWriter> OpenAsync(PhmDbContext db, IngestOptions options, TimeProvider time, IProgress<IngestSummary>? progress, string quarantinePath, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var state = new StoreState(
            [.. await db.Practices.Select(p => p.Code).ToListAsync(cancellationToken)],
            [.. await db.Lsoas.Select(l => l.Code).ToListAsync(cancellationToken)],
            await db.Patients.ToDictionaryAsync(p => p.Pseudonym, p => p.Id, StringComparer.Ordinal, cancellationToken),
            [.. await db.IngestedRecords.Select(r => r.Key).ToListAsync(cancellationToken)],
            [.. (await db.Quarantine.Select(q => new { q.Source, q.Reference, q.Field }).ToListAsync(cancellationToken)).Select(q => (q.Source, q.Reference, q.Field))],
            await db.Patients.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0,
            await db.Conditions.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0,
            await db.Activities.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0,
            await db.CareFlags.MaxAsync(f => (long?)f.Id, cancellationToken) ?? 0);
        return new IngestWriter(db, options, time, progress, new QuarantineFile(quarantinePath), state);
    }

    /// <summary>
    /// Adds a patient unless the store already has the pseudonym. Returns whether the pseudonym now names a patient, so
    /// records that refer to it can follow.
    /// </summary>
    public bool AddPatient(SourceRef at, Patient patient, List<FieldProblem> problems, string practiceField, string lsoaField)
    {
        if (patient.PracticeCode.Length > 0 && !_practices.Contains(patient.PracticeCode))
            problems.Add(new(practiceField, "no practice with this ODS code is in the store"));
        if (patient.LsoaCode.Length > 0 && !_lsoas.Contains(patient.LsoaCode))
            problems.Add(new(lsoaField, "no LSOA with this code is in the store (2011 LSOAs of the city and its neighbours)"));
        if (problems.Count > 0)
        {
            Quarantine(at, problems);
            return false;
        }

        Summary.Read++;
        _pendingRecords++;
        if (_patientIds.ContainsKey(patient.Pseudonym))
        {
            Summary.Duplicates++;
            return true;
        }

        var id = _nextPatientId++;
        _patientIds.Add(patient.Pseudonym, id);
        _rows.AddPatient(new Patient
        {
            Id = id,
            Pseudonym = patient.Pseudonym,
            PracticeCode = patient.PracticeCode,
            LsoaCode = patient.LsoaCode,
            BirthYear = patient.BirthYear,
            BirthMonth = patient.BirthMonth,
            Sex = patient.Sex,
            EthnicGroup = patient.EthnicGroup,
            DateOfDeath = patient.DateOfDeath,
        });
        Summary.Loaded++;
        return true;
    }

    public void AddCondition(SourceRef at, string pseudonym, Condition condition, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"c:{pseudonym}:{condition.SnomedCode}:{condition.OnsetDate.DayNumber}"),
            patientId => _rows.AddCondition(_nextConditionId++, patientId, condition));

    public void AddActivity(SourceRef at, string pseudonym, Activity activity, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"a:{pseudonym}:{(int)activity.Kind}:{activity.Date.DayNumber}:{activity.LengthOfStayDays}"),
            patientId => _rows.AddActivity(_nextActivityId++, patientId, activity));

    public void AddCareFlag(SourceRef at, string pseudonym, CareFlag flag, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"f:{pseudonym}:{(int)flag.Kind}:{flag.RecordedOn.DayNumber}"),
            patientId => _rows.AddCareFlag(_nextCareFlagId++, patientId, flag));

    /// <summary>
    /// A record with the same content for the same patient is the same source record: the key is what makes re-running
    /// a file add nothing. (Two same-kind contacts on one day with one length of stay count once.)
    /// </summary>
    private void AddChild(SourceRef at, string pseudonym, string patientField, string key, Action<int> add)
    {
        if (!_patientIds.TryGetValue(pseudonym, out var patientId))
        {
            Quarantine(at, [new(patientField, "no patient with this identifier is in the store or was loaded from this extract")]);
            return;
        }

        Summary.Read++;
        _pendingRecords++;
        if (!_keys.Add(key))
        {
            Summary.Duplicates++;
            return;
        }

        add(patientId);
        _keyRows.Add(key);
        Summary.Loaded++;
    }

    public void Skip(string why)
    {
        Summary.Read++;
        Summary.Skipped[why] = Summary.Skipped.GetValueOrDefault(why) + 1;
    }

    public void Quarantine(SourceRef at, IReadOnlyList<FieldProblem> problems)
    {
        Summary.Read++;
        Summary.Quarantined++;
        _pendingRecords++;
        RecordProblems(at, problems);
    }

    /// <summary>A file refused whole: its rows are not read, so they are not counted as records.</summary>
    public void RefuseFile(SourceRef at, IReadOnlyList<FieldProblem> problems)
    {
        Summary.RefusedFiles++;
        RecordProblems(at, problems);
    }

    private void RecordProblems(SourceRef at, IReadOnlyList<FieldProblem> problems)
    {
        var now = _time.GetUtcNow();
        // Whole milliseconds: PostgreSQL keeps microseconds, so finer ticks would not read back equal.
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        foreach (var problem in problems)
            if (_quarantined.Add((at.Source, at.Reference, problem.Field)))
                _pendingQuarantine.Add(new QuarantinedRecord { Source = at.Source, Reference = at.Reference, Field = problem.Field, Reason = problem.Reason, QuarantinedAtUtc = now });
    }

    public async Task CommitIfFullAsync(CancellationToken cancellationToken)
    {
        if (_pendingRecords >= _options.BatchSize)
            await CommitAsync(cancellationToken);
    }

    /// <summary>Writes the batch in one transaction; the quarantine file gets its lines only once the batch is in.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_rows.Count == 0 && _keyRows.Rows.Count == 0 && _pendingQuarantine.Count == 0)
        {
            _pendingRecords = 0;
            return;
        }

        var batch = Summary.Batches + 1;
        await using (var transaction = await _db.Database.BeginTransactionAsync(cancellationToken))
        {
            await _rows.CopyAsync(_bulkCopy, cancellationToken);
            await _keyRows.CopyAsync(_bulkCopy, cancellationToken);
            _db.Quarantine.AddRange(_pendingQuarantine);
            await _db.SaveChangesAsync(cancellationToken);
            _db.ChangeTracker.Clear();
            if (_options.FailBatchBeforeCommit == batch)
                throw new InjectedIngestFaultException(batch);
            await transaction.CommitAsync(cancellationToken);
        }

        _file.Append(_pendingQuarantine);
        _pendingQuarantine.Clear();
        _pendingRecords = 0;
        Summary.Batches = batch;
        _progress?.Report(Summary);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private sealed record StoreState(
        HashSet<string> Practices,
        HashSet<string> Lsoas,
        Dictionary<string, int> PatientIds,
        HashSet<string> Keys,
        HashSet<(string, string, string)> Quarantined,
        int MaxPatientId,
        long MaxConditionId,
        long MaxActivityId,
        long MaxCareFlagId);
}
