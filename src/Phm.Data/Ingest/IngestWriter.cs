using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Phm.Data.Aggregates;
using Phm.Data.Patients;
using Phm.Data.Segmentation;
using Phm.Data.Store;

namespace Phm.Data.Ingest;

/// <summary>Where a record came from: a file name and a row number or a resource's position, never an identifier.</summary>
public readonly record struct SourceRef(string Source, string Reference);

/// <summary>One reason a record was refused; the reason never repeats an identifying value.</summary>
public sealed record FieldProblem(string Field, string Reason);

/// <summary>
/// Takes validated records from the readers, checks them against the store (known practice and LSOA, known patient,
/// loaded before or changed since) and writes them one transaction per batch, quarantined records in the same
/// transaction, so a crash leaves no half batch. What the store knows is looked up a batch at a time (the batch's
/// pseudonyms and ledger keys, one statement each), so the cost follows the extract, not the store. A batch is written
/// while the reader fills the next one: reading and writing each take about half the time, so two cores nearly double
/// the rate. Ingest assumes it is the store's only writer while it runs.
/// </summary>
internal sealed class IngestWriter : IAsyncDisposable
{
    private readonly PhmDbContext _db;
    private readonly IngestOptions _options;
    private readonly TimeProvider _time;
    private readonly IProgress<IngestSummary>? _progress;
    private readonly IBulkCopy _bulkCopy;
    private readonly QuarantineFile _file;

    /// <summary>Reads what a batch needs from the store while the previous batch is written through <see cref="_db"/>.</summary>
    private readonly PhmDbContext _lookups;
    private readonly HashSet<string> _practices;
    private readonly HashSet<string> _lsoas;

    /// <summary>
    /// Pseudonym to store id and details, for the patients this run has looked up or written: a pseudonym not here is
    /// looked up with its batch. Patients written by the run stay here, as the store may not have them yet.
    /// </summary>
    private readonly Dictionary<string, KnownPatient> _patients = new(StringComparer.Ordinal);

    /// <summary>Ledger entries, by <see cref="IngestedRecord.Key"/>, this run has looked up or written, as <see cref="_patients"/>.</summary>
    private readonly Dictionary<string, LedgerEntry> _ledger = new(StringComparer.Ordinal);

    /// <summary>
    /// The records read since the last batch was handed on, in reading order: each is checked against the store once
    /// the batch's lookups are in (<see cref="ApplyReadRecordsAsync"/>).
    /// </summary>
    private readonly List<Action> _readRecords = [];

    private readonly HashSet<string> _pseudonymsToFind = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ledgerKeysToFind = new(StringComparer.Ordinal);

    /// <summary>Content keys of read records that have an identity: a content entry loaded without one may be theirs to claim.</summary>
    private readonly HashSet<string> _claimableContentKeys = new(StringComparer.Ordinal);

    /// <summary>Pseudonyms of the patients read since the last batch was handed on and not refused.</summary>
    private readonly HashSet<string> _acceptedPseudonyms = new(StringComparer.Ordinal);

    private readonly ChildTable<IReadOnlyList<Condition>> _conditions;
    private readonly ChildTable<Activity> _activities;
    private readonly ChildTable<CareFlag> _careFlags;
    private readonly ChildTable<Prescription> _prescriptions;
    private readonly ChildTable<Procedure> _procedures;

    /// <summary>Quarantine entries of this run; those the store already has are left out as each batch is written.</summary>
    private readonly HashSet<(string Source, string Reference, string Field)> _quarantined = [];
    private readonly IModel _model;
    private Batch _batch;
    private Task _writing = Task.CompletedTask;
    private int _batchesStarted;
    private int _nextPatientId;
    private long _pendingRecords;

    /// <summary>The store's reference date, at which registers held are written; null for a store without a manifest (none are).</summary>
    private readonly DateOnly? _referenceDate;

    private IngestWriter(PhmDbContext db, PhmDbContext lookups, IngestOptions options, TimeProvider time, IProgress<IngestSummary>? progress, QuarantineFile file, StoreState state)
    {
        _db = db;
        _lookups = lookups;
        _options = options;
        _time = time;
        _progress = progress;
        _file = file;
        _bulkCopy = db.CreateBulkCopy();
        _model = db.GetService<IDesignTimeModel>().Model;
        _batch = new Batch(_model);
        (_practices, _lsoas) = (state.Practices, state.Lsoas);
        _nextPatientId = state.MaxPatientId + 1;
        _referenceDate = state.ReferenceDate;
        var maxIds = state.MaxRecordIds;
        _conditions = new('c', maxIds.Condition,
            (pseudonym, entries) => string.Create(CultureInfo.InvariantCulture, $"c:{pseudonym}:{entries[0].SnomedCode}:{entries[0].OnsetDate.DayNumber}"),
            (rows, id, patientId, entries) =>
            {
                for (var i = 0; i < entries.Count; i++)
                    rows.AddCondition(id + i, patientId, entries[i]);
            },
            ReplaceConditionEntries,
            (db, patientId, entries) => db.Conditions.Where(r => r.PatientId == patientId && r.SnomedCode == entries[0].SnomedCode && r.OnsetDate == entries[0].OnsetDate).Select(r => r.Id),
            entries => entries.Count);
        _activities = new('a', maxIds.Activity,
            // A diagnosis is added to the key only when there is one, so contacts ingested before diagnoses were read keep their keys.
            (pseudonym, a) => string.Create(CultureInfo.InvariantCulture, $"a:{pseudonym}:{(int)a.Kind}:{a.Date.DayNumber}:{a.LengthOfStayDays}{(a.PrimaryDiagnosis is { } diagnosis ? ":" + diagnosis : "")}"),
            (rows, id, patientId, a) => rows.AddActivity(id, patientId, a),
            (id, _, a) => (id, (db, ct) => db.Activities.Where(r => r.Id == id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Kind, a.Kind).SetProperty(x => x.Date, a.Date).SetProperty(x => x.LengthOfStayDays, a.LengthOfStayDays)
                .SetProperty(x => x.PrimaryDiagnosis, a.PrimaryDiagnosis).SetProperty(x => x.AmbulatoryCareSensitive, a.AmbulatoryCareSensitive), ct)),
            (db, patientId, a) => db.Activities.Where(r => r.PatientId == patientId && r.Kind == a.Kind && r.Date == a.Date && r.LengthOfStayDays == a.LengthOfStayDays
                && r.PrimaryDiagnosis == a.PrimaryDiagnosis).Select(r => r.Id));
        _careFlags = new('f', maxIds.CareFlag,
            (pseudonym, f) => string.Create(CultureInfo.InvariantCulture, $"f:{pseudonym}:{(int)f.Kind}:{f.RecordedOn.DayNumber}"),
            (rows, id, patientId, f) => rows.AddCareFlag(id, patientId, f),
            (id, _, f) => (id, (db, ct) => db.CareFlags.Where(r => r.Id == id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Kind, f.Kind).SetProperty(x => x.RecordedOn, f.RecordedOn), ct)),
            (db, patientId, f) => db.CareFlags.Where(r => r.PatientId == patientId && r.Kind == f.Kind && r.RecordedOn == f.RecordedOn).Select(r => r.Id));
        _prescriptions = new('m', maxIds.Prescription,
            (pseudonym, m) => string.Create(CultureInfo.InvariantCulture, $"m:{pseudonym}:{m.DmdCode}:{m.IssuedOn.DayNumber}"),
            (rows, id, patientId, m) => rows.AddPrescription(id, patientId, m),
            (id, _, m) => (id, (db, ct) => db.Prescriptions.Where(r => r.Id == id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.DmdCode, m.DmdCode).SetProperty(x => x.IssuedOn, m.IssuedOn), ct)),
            (db, patientId, m) => db.Prescriptions.Where(r => r.PatientId == patientId && r.DmdCode == m.DmdCode && r.IssuedOn == m.IssuedOn).Select(r => r.Id));
        _procedures = new('p', maxIds.Procedure,
            (pseudonym, p) => string.Create(CultureInfo.InvariantCulture, $"p:{pseudonym}:{p.SnomedCode}:{p.PerformedOn.DayNumber}"),
            (rows, id, patientId, p) => rows.AddProcedure(id, patientId, p),
            (id, _, p) => (id, (db, ct) => db.Procedures.Where(r => r.Id == id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.SnomedCode, p.SnomedCode).SetProperty(x => x.PerformedOn, p.PerformedOn), ct)),
            (db, patientId, p) => db.Procedures.Where(r => r.PatientId == patientId && r.SnomedCode == p.SnomedCode && r.PerformedOn == p.PerformedOn).Select(r => r.Id));
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

    /// <summary>
    /// Opens the writer on <paramref name="db"/>, which writes the batches; <paramref name="lookups"/>, a second context on
    /// the same store, reads what each batch needs while the one before it is written.
    /// </summary>
    public static async Task<IngestWriter> OpenAsync(PhmDbContext db, PhmDbContext lookups, IngestOptions options, TimeProvider time, IProgress<IngestSummary>? progress, string quarantinePath, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var state = new StoreState(
            [.. await db.Practices.Select(p => p.Code).ToListAsync(cancellationToken)],
            [.. await db.Lsoas.Select(l => l.Code).ToListAsync(cancellationToken)],
            await db.Patients.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0,
            new MaxRecordIds(
                await db.Conditions.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0,
                await db.Activities.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0,
                await db.CareFlags.MaxAsync(f => (long?)f.Id, cancellationToken) ?? 0,
                await db.Prescriptions.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0,
                await db.Procedures.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0),
            await db.Manifest.Select(m => (DateOnly?)m.ReferenceDate).SingleOrDefaultAsync(cancellationToken));
        return new IngestWriter(db, lookups, options, time, progress, new QuarantineFile(quarantinePath), state)
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
            return patient.Pseudonym.Length > 0 && IsKnownPatient(patient.Pseudonym);
        }

        _pendingRecords++;
        _pseudonymsToFind.Add(patient.Pseudonym);
        _acceptedPseudonyms.Add(patient.Pseudonym);
        _readRecords.Add(() => ApplyPatient(patient));
        return true;
    }

    /// <summary>
    /// Whether the pseudonym names a patient at this point of the reading: one the run has looked up or written, one
    /// accepted since the last batch, or one in the store. Asked only for a refused patient record, so looked up alone.
    /// </summary>
    private bool IsKnownPatient(string pseudonym) =>
        _patients.ContainsKey(pseudonym) || _acceptedPseudonyms.Contains(pseudonym) || _lookups.Patients.Any(p => p.Pseudonym == pseudonym);

    private void ApplyPatient(Patient patient)
    {
        Summary.Read++;
        var details = PatientDetails.Of(patient);
        if (_patients.TryGetValue(patient.Pseudonym, out var known))
        {
            details = details with { DateOfDeath = details.DateOfDeath ?? known.Details.DateOfDeath };
            if (details == known.Details)
            {
                Summary.Duplicates++;
                return;
            }

            _patients[patient.Pseudonym] = known with { Details = details };
            _batch.Updates.Add((known.Id, details));
            // A new birth month can move them across a register's age.
            _batch.RegisterPatients.Add(known.Id);
            _batch.ChangedPatients.Add(known.Id);
            Summary.Updated++;
            return;
        }

        var id = _nextPatientId++;
        _patients.Add(patient.Pseudonym, new KnownPatient(id, details));
        _batch.ChangedPatients.Add(id);
        _batch.NewPatientIds.Add(id);
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
    }

    /// <summary>One source condition: an entry on each register its code places it on (<see cref="RegisterEntries"/>).</summary>
    public void AddCondition(SourceRef at, string pseudonym, IReadOnlyList<Condition> entries, string? identity, string patientField) =>
        AddChild(at, pseudonym, patientField, identity, _conditions, entries, changesRegisters: true);

    public void AddActivity(SourceRef at, string pseudonym, Activity activity, string? identity, string patientField) =>
        AddChild(at, pseudonym, patientField, identity, _activities, activity);

    public void AddCareFlag(SourceRef at, string pseudonym, CareFlag flag, string? identity, string patientField) =>
        AddChild(at, pseudonym, patientField, identity, _careFlags, flag);

    public void AddPrescription(SourceRef at, string pseudonym, Prescription prescription, string? identity, string patientField) =>
        AddChild(at, pseudonym, patientField, identity, _prescriptions, prescription);

    public void AddProcedure(SourceRef at, string pseudonym, Procedure procedure, string? identity, string patientField) =>
        AddChild(at, pseudonym, patientField, identity, _procedures, procedure);

    /// <summary>
    /// A record with an identity (<see cref="SourceRecordIdentity"/>) is the same record whenever that identity comes
    /// again: unchanged it is a duplicate, changed it updates its row. One without falls back to its content: a record of
    /// the same patient with the same content is taken for it (merged), which is what makes re-running such a file add
    /// nothing, and also what merges two real same-day events, so it is counted apart from duplicates.
    /// </summary>
    private void AddChild<T>(SourceRef at, string pseudonym, string patientField, string? identity, ChildTable<T> table, T record, bool changesRegisters = false)
    {
        _pendingRecords++;
        var contentKey = table.ContentKey(pseudonym, record);
        var key = identity is null ? null : $"{table.Letter}{IdentityMark}{identity}";
        _pseudonymsToFind.Add(pseudonym);
        _ledgerKeysToFind.Add(contentKey);
        if (key is not null)
        {
            _ledgerKeysToFind.Add(key);
            _claimableContentKeys.Add(contentKey);
        }

        _readRecords.Add(() =>
        {
            ApplyChild(at, pseudonym, patientField, contentKey, key, table, record);
            if (changesRegisters && _patients.TryGetValue(pseudonym, out var patient))
                _batch.RegisterPatients.Add(patient.Id);
        });
    }

    private void ApplyChild<T>(SourceRef at, string pseudonym, string patientField, string contentKey, string? key, ChildTable<T> table, T record)
    {
        if (!_patients.TryGetValue(pseudonym, out var patient))
        {
            Refuse(at, [new(patientField, "no patient with this identifier is in the store or was loaded from this extract")]);
            return;
        }

        if (key is null)
        {
            Summary.Read++;
            if (_ledger.ContainsKey(contentKey))
            {
                Summary.MergedWithoutRecordId++;
                return;
            }

            Remember(contentKey, new LedgerEntry(Insert(table, patient.Id, record), patient.Id, contentHash: null));
            _batch.ChangedPatients.Add(patient.Id);
            Summary.Loaded++;
            return;
        }

        var contentHash = ContentHash(contentKey);
        if (_ledger.TryGetValue(key, out var known))
        {
            if (known.PatientId != patient.Id)
            {
                Refuse(at, [new(patientField, "this record's id is already in the store for another patient, and a record does not move between patients: if two source systems share ids, give each its own --source-system")]);
                return;
            }

            Summary.Read++;
            if (known.ContentHash == contentHash)
            {
                Summary.Duplicates++;
                return;
            }

            known.ContentHash = contentHash;
            var (rowId, updateRows) = table.Update(known.RowId!.Value, patient.Id, record);
            _batch.ChangedPatients.Add(patient.Id);
            known.RowId = rowId;
            _batch.RecordUpdates.Add(async (db, cancellationToken) =>
            {
                await updateRows(db, cancellationToken);
                await db.IngestedRecords.Where(r => r.Key == key).ExecuteUpdateAsync(r => r
                    .SetProperty(x => x.ContentHash, contentHash).SetProperty(x => x.RowId, rowId), cancellationToken);
            });
            Summary.Updated++;
            return;
        }

        Summary.Read++;
        if (_ledger.TryGetValue(contentKey, out var loadedWithoutIdentity) && loadedWithoutIdentity.Claimed is false)
        {
            // Loaded before it had an identity (by an earlier version of the hub, or from a file without record ids): the
            // identity takes over its row rather than loading it twice. A second record of the same content finds it claimed.
            loadedWithoutIdentity.Claimed = true;
            var claimed = new LedgerEntry(loadedWithoutIdentity.RowId, patient.Id, contentHash);
            Remember(key, claimed);
            if (claimed.RowId is null)
                _batch.RowLookups.Add(async (db, cancellationToken) =>
                {
                    claimed.RowId = loadedWithoutIdentity.RowId = await table.RowsWithContent(db, patient.Id, record).MinAsync(cancellationToken);
                    await db.IngestedRecords.Where(r => r.Key == contentKey).ExecuteUpdateAsync(r => r
                        .SetProperty(x => x.RowId, claimed.RowId).SetProperty(x => x.PatientId, patient.Id), cancellationToken);
                });
            Summary.Duplicates++;
            return;
        }

        Remember(key, new LedgerEntry(Insert(table, patient.Id, record), patient.Id, contentHash));
        _batch.ChangedPatients.Add(patient.Id);
        Summary.Loaded++;
    }

    /// <summary>
    /// A changed source condition becomes its new entries, a block of rows written with the batch, and its old block goes:
    /// the rows from its first on, of its patient, old code and date, up to the next record of the same code and date (whose
    /// block starts on the same register) or the new block. A block is one record's entries under consecutive ids.
    /// </summary>
    private (long RowId, Func<PhmDbContext, CancellationToken, Task> Write) ReplaceConditionEntries(long rowId, int patientId, IReadOnlyList<Condition> entries)
    {
        var newFirst = Insert(_conditions, patientId, entries);
        return (newFirst, async (db, cancellationToken) =>
        {
            var old = await db.Conditions.Where(r => r.Id == rowId).Select(r => new { r.PatientId, r.Register, r.SnomedCode, r.OnsetDate }).SingleAsync(cancellationToken);
            var sameContent = db.Conditions.Where(r => r.PatientId == old.PatientId && r.SnomedCode == old.SnomedCode && r.OnsetDate == old.OnsetDate);
            var end = await sameContent.Where(r => r.Register == old.Register && r.Id > rowId && r.Id < newFirst).MinAsync(r => (long?)r.Id, cancellationToken) ?? newFirst;
            await sameContent.Where(r => r.Id >= rowId && r.Id < end).ExecuteDeleteAsync(cancellationToken);
        });
    }

    private long Insert<T>(ChildTable<T> table, int patientId, T record)
    {
        var id = table.NextId;
        table.NextId += table.RowCount(record);
        table.Add(_batch.Rows, id, patientId, record);
        return id;
    }

    private void Remember(string key, LedgerEntry entry)
    {
        _ledger.Add(key, entry);
        // The row and content hash as they are now: a later version of the record in the next batch changes the entry (a
        // changed condition moves to a new block), and that must not reach the store before that batch commits. A row not
        // known yet (claimed from an earlier version's ledger) is looked up as the batch is written.
        _batch.Ledger.Add((key, entry, entry.RowId, entry.ContentHash));
    }

    /// <summary>64 bits of SHA-256 of a record's content key: enough to see that a record changed.</summary>
    private static long ContentHash(string contentKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(contentKey), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    public void Skip(string why) => _readRecords.Add(() =>
    {
        Summary.Read++;
        Summary.Skipped[why] = Summary.Skipped.GetValueOrDefault(why) + 1;
    });

    public void Quarantine(SourceRef at, IReadOnlyList<FieldProblem> problems)
    {
        _pendingRecords++;
        IReadOnlyList<FieldProblem> refused = [.. problems];
        _readRecords.Add(() => Refuse(at, refused));
    }

    private void Refuse(SourceRef at, IReadOnlyList<FieldProblem> problems)
    {
        Summary.Read++;
        Summary.Quarantined++;
        RecordProblems(at, problems);
    }

    /// <summary>A file refused whole: its rows are not read, so they are not counted as records.</summary>
    public void RefuseFile(SourceRef at, IReadOnlyList<FieldProblem> problems)
    {
        IReadOnlyList<FieldProblem> refused = [.. problems];
        _readRecords.Add(() =>
        {
            Summary.RefusedFiles++;
            RecordProblems(at, refused);
        });
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
        await ApplyReadRecordsAsync(cancellationToken);
        if (_batch.IsEmpty)
            return;
        var batch = _batch;
        _batch = new Batch(_model);
        await _writing;
        var number = ++_batchesStarted;
        _writing = Task.Run(() => WriteAsync(batch, number, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Looks up what the records read since the last batch refer to and the run has not seen (their patients, their
    /// ledger entries), one statement each with the keys as one parameter, then checks the records in reading order.
    /// The batch being written meanwhile touches only keys the run has seen, so the lookups need not wait for it.
    /// </summary>
    private async Task ApplyReadRecordsAsync(CancellationToken cancellationToken)
    {
        var pseudonyms = _pseudonymsToFind.Where(p => !_patients.ContainsKey(p)).ToList();
        if (pseudonyms.Count > 0)
            await foreach (var p in _lookups.Patients.Where(p => EF.Parameter(pseudonyms).Contains(p.Pseudonym))
                .Select(p => new { p.Pseudonym, p.Id, Details = new PatientDetails(p.PracticeCode, p.LsoaCode, p.BirthYear, p.BirthMonth, p.Sex, p.EthnicGroup, p.DateOfDeath) })
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
                _patients.Add(p.Pseudonym, new KnownPatient(p.Id, p.Details));

        var keys = _ledgerKeysToFind.Where(k => !_ledger.ContainsKey(k)).ToList();
        if (keys.Count > 0)
            await foreach (var r in _lookups.IngestedRecords.Where(r => EF.Parameter(keys).Contains(r.Key))
                .Select(r => new { r.Key, r.RowId, r.PatientId, r.ContentHash })
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
                // Whether an identity has claimed a content entry's row is asked only when a record with an identity meets it.
                _ledger.Add(r.Key, new LedgerEntry(r.RowId, r.PatientId, r.ContentHash) { Claimed = IsIdentityKey(r.Key) || r.RowId is null ? false : null });
        await FindClaimsAsync(cancellationToken);

        foreach (var apply in _readRecords)
            apply();
        _readRecords.Clear();
        _pseudonymsToFind.Clear();
        _ledgerKeysToFind.Clear();
        _claimableContentKeys.Clear();
        _acceptedPseudonyms.Clear();
    }

    /// <summary>
    /// Marks claimed each content entry, met by a record with an identity, whose row an identity's entry in the store
    /// already has. The ledger has no index on rows, so this reads it whole: it happens only in the batches where records
    /// with identities first meet records loaded without them (an earlier version's ledger, or a file without record ids).
    /// </summary>
    private async Task FindClaimsAsync(CancellationToken cancellationToken)
    {
        var unknown = _claimableContentKeys.Select(k => (Key: k, Entry: _ledger.GetValueOrDefault(k))).Where(e => e.Entry is { Claimed: null }).ToList();
        if (unknown.Count == 0)
            return;
        var rowIds = unknown.Select(e => e.Entry!.RowId).Distinct().ToList();
        var rowsOfIdentities = new HashSet<(char Kind, long? RowId)>();
        await foreach (var r in _lookups.IngestedRecords.Where(r => EF.Parameter(rowIds).Contains(r.RowId)).Select(r => new { r.Key, r.RowId })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (IsIdentityKey(r.Key))
                rowsOfIdentities.Add((r.Key[0], r.RowId));
        foreach (var (key, entry) in unknown)
            entry!.Claimed = rowsOfIdentities.Contains((key[0], entry.RowId));
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
        List<QuarantinedRecord> quarantine;
        await using (var transaction = await _db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The kept cells the batch's changed patients were in (a patient who moves leaves one) and are in once it is in, the
            // living patients' and the scores', counted again; the new patients added to the living patients' (they have no score yet).
            var updated = batch.Updates.Select(u => u.Id).ToHashSet();
            var cellsBefore = _referenceDate is null ? [] : await KeptCells.CellsOfAsync(_db, updated, cancellationToken);
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
            foreach (var lookup in batch.RowLookups)
                await lookup(_db, cancellationToken);
            foreach (var (key, entry, rowId, contentHash) in batch.Ledger)
                batch.LedgerRows.Add(key, rowId ?? entry.RowId, entry.PatientId, contentHash);
            await batch.LedgerRows.CopyAsync(_bulkCopy, intoTableMadeInTransaction: false, cancellationToken);
            foreach (var update in batch.RecordUpdates)
                await update(_db, cancellationToken);
            if (_referenceDate is { } referenceDate)
            {
                await ActivityHistory.WriteKeptAsync(_db, referenceDate, batch.ChangedPatients, cancellationToken);
                await RegisterRules.WriteRegistersHeldAsync(_db, referenceDate, batch.RegisterPatients, cancellationToken);
                await SegmentRules.WriteSegmentsAsync(_db, referenceDate, batch.ChangedPatients, cancellationToken);
                IReadOnlyCollection<CellKey> changedCells = [.. cellsBefore.Union(await KeptCells.CellsOfAsync(_db, updated, cancellationToken))];
                await KeptCells.RefreshCellsAsync(_db, referenceDate, changedCells, cancellationToken);
                await KeptCells.AddNewPatientsAsync(_db, referenceDate, batch.NewPatientIds, recounted: changedCells, cancellationToken);
            }
            quarantine = await NotYetQuarantinedAsync(batch.Quarantine, cancellationToken);
            _db.Quarantine.AddRange(quarantine);
            await _db.SaveChangesAsync(cancellationToken);
            _db.ChangeTracker.Clear();
            if (_options.FailBatchBeforeCommit == number)
                throw new InjectedIngestFaultException(number);
            await transaction.CommitAsync(cancellationToken);
            StoreChanges.Record();
        }

        _file.Append(quarantine);
        Summary.Batches = number;
        _progress?.Report(Summary);
    }

    /// <summary>The batch's quarantine entries less those the store has from an earlier run (re-running a file quarantines nothing twice).</summary>
    private async Task<List<QuarantinedRecord>> NotYetQuarantinedAsync(List<QuarantinedRecord> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return entries;
        var sources = entries.Select(q => q.Source).Distinct().ToList();
        var references = entries.Select(q => q.Reference).Distinct().ToList();
        var stored = new HashSet<(string, string, string)>();
        await foreach (var q in _db.Quarantine.Where(q => EF.Parameter(sources).Contains(q.Source) && EF.Parameter(references).Contains(q.Reference))
            .Select(q => new { q.Source, q.Reference, q.Field }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            stored.Add((q.Source, q.Reference, q.Field));
        return stored.Count == 0 ? entries : [.. entries.Where(q => !stored.Contains((q.Source, q.Reference, q.Field)))];
    }

    public async ValueTask DisposeAsync()
    {
        // The context must outlive a write still under way, whether the reader finished or failed.
        await _writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await _file.DisposeAsync();
    }

    /// <summary>The rows, ledger entries, updates and quarantine entries of one transaction.</summary>
    private sealed class Batch(IModel model)
    {
        public PopulationRows Rows { get; } = new(model);

        /// <summary>New ledger entries; their rows are made at write time, once <see cref="RowLookups"/> found their row ids.</summary>
        public List<(string Key, LedgerEntry Entry, long? RowId, long? ContentHash)> Ledger { get; } = [];

        public BulkRowBuffer LedgerRows { get; } = new(PopulationRows.TableOf(model, typeof(IngestedRecord)),
            nameof(IngestedRecord.Key), nameof(IngestedRecord.RowId), nameof(IngestedRecord.PatientId), nameof(IngestedRecord.ContentHash));

        public List<QuarantinedRecord> Quarantine { get; } = [];

        /// <summary>Patients whose registers the batch may change (new or changed register entries or birth dates): their registers held are written again.</summary>
        public HashSet<int> RegisterPatients { get; } = [];

        /// <summary>Patients added, changed or given a new or changed record by the batch: their segments are written again.</summary>
        public HashSet<int> ChangedPatients { get; } = [];

        /// <summary>The patients the batch adds: added to the living patients' kept cells.</summary>
        public List<int> NewPatientIds { get; } = [];

        /// <summary>Known patients whose details changed, written after the batch's new rows.</summary>
        public List<(int Id, PatientDetails Details)> Updates { get; } = [];

        /// <summary>Rows of ledger entries written before rows were recorded, found for the identities that claim them.</summary>
        public List<Func<PhmDbContext, CancellationToken, Task>> RowLookups { get; } = [];

        /// <summary>Records known by their identity whose content changed, written after the batch's new rows and ledger entries.</summary>
        public List<Func<PhmDbContext, CancellationToken, Task>> RecordUpdates { get; } = [];

        public bool IsEmpty => Rows.Count == 0 && Ledger.Count == 0 && Quarantine.Count == 0 && Updates.Count == 0 && RecordUpdates.Count == 0;
    }

    /// <summary>What a later extract may change about a patient: everything the store keeps but the pseudonym.</summary>
    private sealed record PatientDetails(string PracticeCode, string LsoaCode, int BirthYear, int BirthMonth, Sex Sex, EthnicGroup EthnicGroup, DateOnly? DateOfDeath)
    {
        public static PatientDetails Of(Patient p) => new(p.PracticeCode, p.LsoaCode, p.BirthYear, p.BirthMonth, p.Sex, p.EthnicGroup, p.DateOfDeath);
    }

    private sealed record KnownPatient(int Id, PatientDetails Details);

    /// <summary>The largest id of each kind of record in the store.</summary>
    private sealed record MaxRecordIds(long Condition, long Activity, long CareFlag, long Prescription, long Procedure);

    /// <summary>
    /// One kind of record: its letter in ledger keys, its next id, its content key (the only key of a record with no
    /// identity, and what its content hash is taken of), how a row is added, how a changed record updates it, and the rows
    /// of a patient with a content (to find the row of a ledger entry written before rows were recorded).
    /// </summary>
    private sealed class ChildTable<T>(
        char letter,
        long maxId,
        Func<string, T, string> contentKey,
        Action<PopulationRows, long, int, T> add,
        Func<long, int, T, (long RowId, Func<PhmDbContext, CancellationToken, Task> Write)> update,
        Func<PhmDbContext, int, T, IQueryable<long>> rowsWithContent,
        Func<T, int>? rowCount = null)
    {
        public char Letter => letter;
        public long NextId { get; set; } = maxId + 1;
        public string ContentKey(string pseudonym, T record) => contentKey(pseudonym, record);

        /// <summary>Adds the record's rows, numbered from <paramref name="id"/> on.</summary>
        public void Add(PopulationRows rows, long id, int patientId, T record) => add(rows, id, patientId, record);

        /// <summary>Rows one record becomes: one, or for a condition one per register its code places it on.</summary>
        public int RowCount(T record) => rowCount?.Invoke(record) ?? 1;

        /// <summary>
        /// A changed record's new content, prepared as the batch fills (new ids are taken then) and written after the batch's
        /// new rows; with the row the ledger names from then on.
        /// </summary>
        public (long RowId, Func<PhmDbContext, CancellationToken, Task> Write) Update(long rowId, int patientId, T record) => update(rowId, patientId, record);

        public IQueryable<long> RowsWithContent(PhmDbContext db, int patientId, T record) => rowsWithContent(db, patientId, record);
    }

    /// <summary>
    /// A ledger entry in memory. <see cref="Claimed"/>: an entry keyed by content whose row an identity has taken over
    /// (an identity's entry has the same row), so a second record of that content is a record of its own; null while
    /// not yet looked up (<see cref="FindClaimsAsync"/>).
    /// </summary>
    private sealed class LedgerEntry(long? rowId, int? patientId, long? contentHash)
    {
        public long? RowId { get; set; } = rowId;
        public int? PatientId { get; } = patientId;
        public long? ContentHash { get; set; } = contentHash;
        public bool? Claimed { get; set; } = false;
    }

    /// <summary>Follows the kind's letter in an identity's key; a content key has <c>:</c> there.</summary>
    private const char IdentityMark = '#';

    private static bool IsIdentityKey(string key) => key.Length > 1 && key[1] == IdentityMark;

    private sealed record StoreState(
        HashSet<string> Practices,
        HashSet<string> Lsoas,
        int MaxPatientId,
        MaxRecordIds MaxRecordIds,
        DateOnly? ReferenceDate);
}
