using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Impactability;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Cohorts;

/// <summary>
/// Saved cohorts in the store: saving, revising (a new version, the old kept), retiring, evaluating into a snapshot, and the
/// changes between two snapshots. Who may do which is the caller's business (the API's roles); this keeps the versions right.
/// </summary>
public sealed class SavedCohorts(PhmDbContext db, TimeProvider time, ImpactabilitySignals? impactability = null)
{
    /// <summary>The latest version of every cohort, retired ones included.</summary>
    public IQueryable<CohortDefinition> Latest() =>
        db.CohortDefinitions.Where(d => !db.CohortDefinitions.Any(later => later.Key == d.Key && later.Version > d.Version));

    /// <summary>Version <paramref name="version"/> of the cohort <paramref name="key"/>, or its latest if null; null if there is none.</summary>
    public Task<CohortDefinition?> FindAsync(string key, int? version, CancellationToken cancellationToken) =>
        (version is { } number
            ? db.CohortDefinitions.Where(d => d.Key == key && d.Version == number)
            : Latest().Where(d => d.Key == key))
        .AsNoTracking().SingleOrDefaultAsync(cancellationToken);

    /// <summary>Saves version 1 of a new cohort under <paramref name="key"/>, or under a key made from its name if null.</summary>
    public async Task<CohortDefinition> SaveAsync(
        CohortContent content, string owner, string? pcnCode, bool isBuiltIn, string? key, CancellationToken cancellationToken)
    {
        content = content.Normalised();
        if (key is null)
        {
            var taken = await db.CohortDefinitions.Select(d => d.Key).Distinct().ToListAsync(cancellationToken);
            key = CohortDefinition.KeyFor(content.Name, taken.ToHashSet(StringComparer.Ordinal));
        }
        var definition = CohortDefinition.First(key, content, owner, pcnCode, isBuiltIn, time.GetUtcNowInMilliseconds());
        db.CohortDefinitions.Add(definition);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(definition).State = EntityState.Detached;
        return definition;
    }

    /// <summary>Adds the version after <paramref name="latest"/>; the versions before stay as they were.</summary>
    public async Task<CohortDefinition> ReviseAsync(CohortDefinition latest, CohortContent content, string author, CancellationToken cancellationToken)
    {
        if (latest.IsRetired)
            throw new InvalidOperationException($"Cohort {latest.Key} is retired.");
        var revision = latest.Revise(content.Normalised(), author, time.GetUtcNowInMilliseconds());
        db.CohortDefinitions.Add(revision);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(revision).State = EntityState.Detached;
        return revision;
    }

    /// <summary>Retires every version of the cohort; returns the latest as retired.</summary>
    public async Task<CohortDefinition> RetireAsync(CohortDefinition latest, CancellationToken cancellationToken)
    {
        // One UPDATE in the database: the hub's contexts track nothing they read, so a change to loaded rows would not be saved.
        var at = time.GetUtcNowInMilliseconds();
        await db.CohortDefinitions.Where(d => d.Key == latest.Key && d.RetiredAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetiredAtUtc, at), cancellationToken);
        return (await FindAsync(latest.Key, latest.Version, cancellationToken))!;
    }

    /// <summary>
    /// Evaluates <paramref name="definition"/> in the database at <paramref name="referenceDate"/> and keeps the result with its
    /// members, in one transaction. The members are written by one INSERT … SELECT in the database: their ids never leave it.
    /// </summary>
    public async Task<CohortSnapshot> RecordSnapshotAsync(CohortDefinition definition, DateOnly referenceDate, string evaluatedBy, CancellationToken cancellationToken)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var snapshot = new CohortSnapshot
        {
            DefinitionId = definition.Id,
            CohortKey = definition.Key,
            Version = definition.Version,
            EvaluatedAtUtc = time.GetUtcNowInMilliseconds(),
            ReferenceDate = referenceDate,
            EvaluatedBy = evaluatedBy,
        };
        db.CohortSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        var members = db.Patients.Meeting(definition.ScopedCriteria, db, referenceDate, impactability).Select(p => p.Id);
        var count = await InsertMembersAsync(snapshot.Id, members, cancellationToken);
        await db.CohortSnapshots.Where(s => s.Id == snapshot.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Count, count), cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await db.CohortSnapshots.AsNoTracking().SingleAsync(s => s.Id == snapshot.Id, cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="patientIds"/> to the snapshot's members as <c>INSERT INTO members (snapshot, patient) SELECT id, m.* FROM
    /// (the query) AS m</c>: the query's own SQL and parameters (EF Core writes them for the provider; there is no set-based insert
    /// in EF Core), names quoted by the provider. Returns the number of members written.
    /// </summary>
    private async Task<int> InsertMembersAsync(long snapshotId, IQueryable<int> patientIds, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var members = db.Model.FindEntityType(typeof(CohortSnapshotMember))!;
        var table = StoreObjectIdentifier.Table(members.GetTableName()!, members.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(members.FindProperty(property)!.GetColumnName(table)!);

        await using var command = patientIds.CreateDbCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        var snapshot = snapshotId.ToString(CultureInfo.InvariantCulture);
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({Column(nameof(CohortSnapshotMember.SnapshotId))}, {Column(nameof(CohortSnapshotMember.PatientId))}) "
            + $"SELECT {snapshot}, m.* FROM ({command.CommandText}) AS m";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The latest snapshot of each of <paramref name="keys"/> (any version), without members.</summary>
    public async Task<IReadOnlyDictionary<string, CohortSnapshot>> LatestSnapshotsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var latest = await db.CohortSnapshots.AsNoTracking()
            .Where(s => keys.Contains(s.CohortKey) && !db.CohortSnapshots.Any(later => later.CohortKey == s.CohortKey && later.Id > s.Id))
            .ToListAsync(cancellationToken);
        return latest.ToDictionary(s => s.CohortKey, StringComparer.Ordinal);
    }

    /// <summary>
    /// Who entered and who left the cohort <paramref name="key"/> between its latest snapshot taken at or before
    /// <paramref name="since"/> and its latest snapshot; null when it has no snapshot at or before <paramref name="since"/>.
    /// </summary>
    public async Task<CohortChanges?> ChangesAsync(string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var snapshots = await SnapshotsAsync(key, cancellationToken);
        var from = snapshots.LastOrDefault(s => s.EvaluatedAtUtc <= since);
        if (from is null)
            return null;
        var to = snapshots[^1];
        var fromMembers = MemberIds(from.Id);
        var toMembers = MemberIds(to.Id);
        var entered = await toMembers.Where(id => !fromMembers.Contains(id)).OrderBy(id => id).ToListAsync(cancellationToken);
        var left = await fromMembers.Where(id => !toMembers.Contains(id)).OrderBy(id => id).ToListAsync(cancellationToken);
        return new CohortChanges(from, to, entered, left);
    }

    /// <summary>The cohort's latest snapshot taken at or before <paramref name="at"/> (without members); null when it has none.</summary>
    public async Task<CohortSnapshot?> LatestSnapshotAtOrBeforeAsync(string key, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await SnapshotsAsync(key, cancellationToken)).LastOrDefault(s => s.EvaluatedAtUtc <= at);

    /// <summary>Of <paramref name="patients"/>, those who were not members of the snapshot: who entered the cohort since it was taken.</summary>
    public static IQueryable<Patient> NotIn(IQueryable<Patient> patients, PhmDbContext db, long snapshotId) =>
        patients.Where(p => !db.Set<CohortSnapshotMember>().Any(m => m.SnapshotId == snapshotId && m.PatientId == p.Id));

    /// <summary>A cohort's snapshots (without members) in the order taken: a snapshot or two a week, so few; SQLite cannot compare DateTimeOffset in SQL.</summary>
    private Task<List<CohortSnapshot>> SnapshotsAsync(string key, CancellationToken cancellationToken) =>
        db.CohortSnapshots.AsNoTracking().Where(s => s.CohortKey == key).OrderBy(s => s.Id).ToListAsync(cancellationToken);

    private IQueryable<int> MemberIds(long snapshotId) => db.Set<CohortSnapshotMember>().Where(m => m.SnapshotId == snapshotId).Select(m => m.PatientId);
}

/// <summary>The patients (store ids) who entered and left a cohort between two of its snapshots.</summary>
public sealed record CohortChanges(CohortSnapshot From, CohortSnapshot To, IReadOnlyList<int> Entered, IReadOnlyList<int> Left);
