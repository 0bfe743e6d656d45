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
/// leaves no half batch. A batch is written while the reader fills the next one: reading and writing each take about
/// half the time, so two cores nearly double the rate. Ingest assumes it is the store's only writer while it runs.
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

    /// <summary>Pseudonym to store id and details, for patients in the store and those waiting in the batch.</summary>
    private readonly Dictionary<string, KnownPatient> _patients;

    private readonly HashSet<string> _keys;
    private readonly HashSet<(string Source, string Reference, string Field)> _quarantined;
    private readonly IModel _model;
    private Batch _batch;
    private Task _writing = Task.CompletedTask;
    private int _batchesStarted;
    private int _nextPatientId;
    private readonly NextIds _nextIds;
    private long _pendingRecords;

    private IngestWriter(PhmDbContext db, IngestOptions options, TimeProvider time, IProgress<IngestSummary>? progress, QuarantineFile file, StoreState state)
    {
        _db = db;
        _options = options;
        _time = time;
        _progress = progress;
        _file = file;
        _bulkCopy = db.CreateBulkCopy();
        _model = db.GetService<IDesignTimeModel>().Model;
        _batch = new Batch(_model);
        (_practices, _lsoas, _patients, _keys, _quarantined) = (state.Practices, state.Lsoas, state.Patients, state.Keys, state.Quarantined);
        (_nextPatientId, _nextIds) = (state.MaxPatientId + 1, state.NextIds);
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Summary = new IngestSummary();
    }

    public IngestSummary Summary { get; }

    /// <summary>Input files finished so far, in bytes; the reader of the current file adds its position to it.</summary>
    private long _finishedInputBytes;

    /// <summary>Notes how far into the current input file reading has got, for progress reports.</summary>
    public void MarkInputRead(long bytesIntoCurrentFile) => Summary.InputBytesRead = _finishedInputBytes + bytesIntoCurrentFile;

    /// <summary>Notes that the current input file is read to its end.</summary>
    public void MarkInputFileDone(string path)
    {
        _finishedInputBytes += new FileInfo(path).Length;
        Summary.InputBytesRead = _finishedInputBytes;
    }

    /// <summary>Postcode to LSOA, when the run was given a lookup.</summary>
    private PostcodeLookup? _postcodes;

    /// <summary>
    /// The patient's LSOA: the code when the record gives one, else its postcode's through the lookup. A problem names
    /// the field at fault and never repeats the postcode.
    /// </summary>
    public string ResolveLsoa(string? lsoaCode, string? postcode, string lsoaField, string postcodeField, List<FieldProblem> problems)
    {
        if (!string.IsNullOrEmpty(lsoaCode))
            return lsoaCode;
        if (string.IsNullOrEmpty(postcode))
            problems.Add(new(lsoaField, "an LSOA code or a postcode is required"));
        else if (_postcodes is null)
            problems.Add(new(lsoaField, "no LSOA code, and no postcode lookup to find one from the postcode (--postcode-lookup)"));
        else if (_postcodes.TryFind(postcode, out var lsoa))
            return lsoa;
        else
            problems.Add(new(postcodeField, "the postcode is not in the postcode lookup, or lies outside the store's LSOAs"));
        return "";
    }

    /// <summary>Nothing the store holds may be dated after this.</summary>
    public DateOnly Today { get; }

    public static async Task<IngestWriter> OpenAsync(PhmDbContext db, IngestOptions options, TimeProvider time, IProgress<IngestSummary>? progress, string quarantinePath, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var state = new StoreState(
            [.. await db.Practices.Select(p => p.Code).ToListAsync(cancellationToken)],
            [.. await db.Lsoas.Select(l => l.Code).ToListAsync(cancellationToken)],
            await db.Patients
                .Select(p => new { p.Pseudonym, p.Id, Details = new PatientDetails(p.PracticeCode, p.LsoaCode, p.BirthYear, p.BirthMonth, p.Sex, p.EthnicGroup, p.DateOfDeath) })
                .ToDictionaryAsync(p => p.Pseudonym, p => new KnownPatient(p.Id, p.Details), StringComparer.Ordinal, cancellationToken),
            [.. await db.IngestedRecords.Select(r => r.Key).ToListAsync(cancellationToken)],
            [.. (await db.Quarantine.Select(q => new { q.Source, q.Reference, q.Field }).ToListAsync(cancellationToken)).Select(q => (q.Source, q.Reference, q.Field))],
            await db.Patients.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0,
            new NextIds(
                await db.Conditions.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0,
                await db.Activities.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0,
                await db.CareFlags.MaxAsync(f => (long?)f.Id, cancellationToken) ?? 0,
                await db.Prescriptions.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0,
                await db.Procedures.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0));
        return new IngestWriter(db, options, time, progress, new QuarantineFile(quarantinePath), state)
        {
            _postcodes = options.PostcodeLookupPath is { } lookup ? PostcodeLookup.Load(lookup, state.Lsoas) : null,
        };
    }

    /// <summary>
    /// Adds a patient the store does not have, or updates one it has whose details changed (a move, a new practice, a
    /// death). A recorded death is kept when a later record omits it: silence about a death is not evidence of life.
    /// Returns whether the pseudonym now names a patient, so records that refer to it can follow.
    /// </summary>
    public bool AddPatient(SourceRef at, Patient patient, List<FieldProblem> problems, string practiceField, string lsoaField)
    {
        if (patient.PracticeCode.Length > 0 && !_practices.Contains(patient.PracticeCode))
            problems.Add(new(practiceField, "no practice with this ODS code is in the store"));
        if (patient.LsoaCode.Length > 0 && !_lsoas.Contains(patient.LsoaCode))
            problems.Add(new(lsoaField, "no LSOA with this code is in the store (2011 LSOAs of the city and its neighbours)"));
        if (problems.Count > 0)
        {
            // A refused record of a patient the store already holds leaves that patient as they were, and their other
            // records can still join them.
            Quarantine(at, problems);
            return patient.Pseudonym.Length > 0 && _patients.ContainsKey(patient.Pseudonym);
        }

        Summary.Read++;
        _pendingRecords++;
        var details = PatientDetails.Of(patient);
        if (_patients.TryGetValue(patient.Pseudonym, out var known))
        {
            details = details with { DateOfDeath = details.DateOfDeath ?? known.Details.DateOfDeath };
            if (details == known.Details)
            {
                Summary.Duplicates++;
                return true;
            }

            _patients[patient.Pseudonym] = known with { Details = details };
            _batch.Updates.Add((known.Id, details));
            Summary.Updated++;
            return true;
        }

        var id = _nextPatientId++;
        _patients.Add(patient.Pseudonym, new KnownPatient(id, details));
        _batch.Rows.AddPatient(new Patient
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

    /// <summary>One source condition: an entry on each register its code places it on (<see cref="RegisterEntries"/>).</summary>
    public void AddCondition(SourceRef at, string pseudonym, IReadOnlyList<Condition> entries, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"c:{pseudonym}:{entries[0].SnomedCode}:{entries[0].OnsetDate.DayNumber}"),
            patientId =>
            {
                foreach (var entry in entries)
                    _batch.Rows.AddCondition(_nextIds.Condition++, patientId, entry);
            });

    public void AddActivity(SourceRef at, string pseudonym, Activity activity, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"a:{pseudonym}:{(int)activity.Kind}:{activity.Date.DayNumber}:{activity.LengthOfStayDays}"),
            patientId => _batch.Rows.AddActivity(_nextIds.Activity++, patientId, activity));

    public void AddCareFlag(SourceRef at, string pseudonym, CareFlag flag, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"f:{pseudonym}:{(int)flag.Kind}:{flag.RecordedOn.DayNumber}"),
            patientId => _batch.Rows.AddCareFlag(_nextIds.CareFlag++, patientId, flag));

    /// <summary>The same medicine issued to the same patient on the same day is one prescription.</summary>
    public void AddPrescription(SourceRef at, string pseudonym, Prescription prescription, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"m:{pseudonym}:{prescription.DmdCode}:{prescription.IssuedOn.DayNumber}"),
            patientId => _batch.Rows.AddPrescription(_nextIds.Prescription++, patientId, prescription));

    public void AddProcedure(SourceRef at, string pseudonym, Procedure procedure, string patientField) =>
        AddChild(at, pseudonym, patientField, string.Create(CultureInfo.InvariantCulture, $"p:{pseudonym}:{procedure.SnomedCode}:{procedure.PerformedOn.DayNumber}"),
            patientId => _batch.Rows.AddProcedure(_nextIds.Procedure++, patientId, procedure));

    /// <summary>
    /// A record with the same content for the same patient is the same source record: the key is what makes re-running
    /// a file add nothing. (Two same-kind contacts on one day with one length of stay count once.)
    /// </summary>
    private void AddChild(SourceRef at, string pseudonym, string patientField, string key, Action<int> add)
    {
        if (!_patients.TryGetValue(pseudonym, out var patient))
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

        add(patient.Id);
        _batch.Keys.Add(key);
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
        var now = _time.GetUtcNowInMilliseconds();
        foreach (var problem in problems)
            if (_quarantined.Add((at.Source, at.Reference, problem.Field)))
                _batch.Quarantine.Add(new QuarantinedRecord { Source = at.Source, Reference = at.Reference, Field = problem.Field, Reason = problem.Reason, QuarantinedAtUtc = now });
    }

    public async Task CommitIfFullAsync(CancellationToken cancellationToken)
    {
        if (_pendingRecords >= _options.BatchSize)
            await CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Hands the batch to the writer once the previous one is in, and goes on reading. A failed batch surfaces here, at
    /// the next commit, or at <see cref="CompleteAsync"/>.
    /// </summary>
    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        _pendingRecords = 0;
        if (_batch.IsEmpty)
            return;
        var batch = _batch;
        _batch = new Batch(_model);
        await _writing;
        var number = ++_batchesStarted;
        _writing = Task.Run(() => WriteAsync(batch, number, cancellationToken), cancellationToken);
    }

    /// <summary>Commits what is left and waits until it is in.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await CommitAsync(cancellationToken);
        await _writing;
    }

    /// <summary>One transaction; the quarantine file gets the batch's lines only once the batch is in.</summary>
    private async Task WriteAsync(Batch batch, int number, CancellationToken cancellationToken)
    {
        await using (var transaction = await _db.Database.BeginTransactionAsync(cancellationToken))
        {
            await batch.Rows.CopyAsync(_bulkCopy, cancellationToken);
            foreach (var (id, details) in batch.Updates)
                await _db.Patients.Where(p => p.Id == id).ExecuteUpdateAsync(patient => patient
                    .SetProperty(p => p.PracticeCode, details.PracticeCode)
                    .SetProperty(p => p.LsoaCode, details.LsoaCode)
                    .SetProperty(p => p.BirthYear, details.BirthYear)
                    .SetProperty(p => p.BirthMonth, details.BirthMonth)
                    .SetProperty(p => p.Sex, details.Sex)
                    .SetProperty(p => p.EthnicGroup, details.EthnicGroup)
                    .SetProperty(p => p.DateOfDeath, details.DateOfDeath), cancellationToken);
            await batch.Keys.CopyAsync(_bulkCopy, cancellationToken);
            _db.Quarantine.AddRange(batch.Quarantine);
            await _db.SaveChangesAsync(cancellationToken);
            _db.ChangeTracker.Clear();
            if (_options.FailBatchBeforeCommit == number)
                throw new InjectedIngestFaultException(number);
            await transaction.CommitAsync(cancellationToken);
        }

        _file.Append(batch.Quarantine);
        Summary.Batches = number;
        _progress?.Report(Summary);
    }

    public async ValueTask DisposeAsync()
    {
        // The context must outlive a write still under way, whether the reader finished or failed.
        await _writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await _file.DisposeAsync();
    }

    /// <summary>The rows, source record keys and quarantine entries of one transaction.</summary>
    private sealed class Batch(IModel model)
    {
        public PopulationRows Rows { get; } = new(model);
        public BulkRowBuffer Keys { get; } = new(PopulationRows.TableOf(model, typeof(IngestedRecord)), nameof(IngestedRecord.Key));
        public List<QuarantinedRecord> Quarantine { get; } = [];

        /// <summary>Known patients whose details changed, written after the batch's new rows.</summary>
        public List<(int Id, PatientDetails Details)> Updates { get; } = [];

        public bool IsEmpty => Rows.Count == 0 && Keys.Rows.Count == 0 && Quarantine.Count == 0 && Updates.Count == 0;
    }

    /// <summary>What a later extract may change about a patient: everything the store keeps but the pseudonym.</summary>
    private sealed record PatientDetails(string PracticeCode, string LsoaCode, int BirthYear, int BirthMonth, Sex Sex, EthnicGroup EthnicGroup, DateOnly? DateOfDeath)
    {
        public static PatientDetails Of(Patient p) => new(p.PracticeCode, p.LsoaCode, p.BirthYear, p.BirthMonth, p.Sex, p.EthnicGroup, p.DateOfDeath);
    }

    private sealed record KnownPatient(int Id, PatientDetails Details);

    /// <summary>The next id of each kind of record, one more than the largest in the store.</summary>
    private sealed class NextIds(long maxCondition, long maxActivity, long maxCareFlag, long maxPrescription, long maxProcedure)
    {
        public long Condition = maxCondition + 1;
        public long Activity = maxActivity + 1;
        public long CareFlag = maxCareFlag + 1;
        public long Prescription = maxPrescription + 1;
        public long Procedure = maxProcedure + 1;
    }

    private sealed record StoreState(
        HashSet<string> Practices,
        HashSet<string> Lsoas,
        Dictionary<string, KnownPatient> Patients,
        HashSet<string> Keys,
        HashSet<(string, string, string)> Quarantined,
        int MaxPatientId,
        NextIds NextIds);
}
