using Microsoft.EntityFrameworkCore;
using Phm.Data.Impactability;
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
        var definition = new CohortDefinition
        {
            Key = key,
            Version = 1,
            Name = content.Name,
            Description = content.Description,
            Owner = owner,
            AuthoredBy = owner,
            PcnCode = pcnCode,
            CriteriaJson = content.CriteriaJson,
            ParametersJson = content.ParametersJson,
            IsBuiltIn = isBuiltIn,
            CreatedAtUtc = time.GetUtcNowInMilliseconds(),
        };
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
        var at = time.GetUtcNowInMilliseconds();
        var versions = await db.CohortDefinitions.Where(d => d.Key == latest.Key && d.RetiredAtUtc == null).ToListAsync(cancellationToken);
        foreach (var version in versions)
            version.RetiredAtUtc = at;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (await FindAsync(latest.Key, latest.Version, cancellationToken))!;
    }

    /// <summary>
    /// Evaluates <paramref name="definition"/> in the database at <paramref name="referenceDate"/> and keeps the result with its
    /// members. Only the members' ids are read, never their records.
    /// </summary>
    public async Task<CohortSnapshot> RecordSnapshotAsync(CohortDefinition definition, DateOnly referenceDate, string evaluatedBy, CancellationToken cancellationToken)
    {
        var members = await db.Patients.Meeting(definition.ScopedCriteria, db, referenceDate, impactability)
            .Select(p => p.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        var snapshot = new CohortSnapshot
        {
            DefinitionId = definition.Id,
            CohortKey = definition.Key,
            Version = definition.Version,
            EvaluatedAtUtc = time.GetUtcNowInMilliseconds(),
            ReferenceDate = referenceDate,
            Count = members.Count,
            EvaluatedBy = evaluatedBy,
            Members = [.. members.Select(id => new CohortSnapshotMember { PatientId = id })],
        };
        db.CohortSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return snapshot;
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
        // A cohort has a snapshot or two a week, so its headers are few; SQLite cannot compare DateTimeOffset in SQL.
        var snapshots = await db.CohortSnapshots.AsNoTracking().Where(s => s.CohortKey == key).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var from = snapshots.LastOrDefault(s => s.EvaluatedAtUtc <= since);
        if (from is null)
            return null;
        var to = snapshots[^1];
        var fromMembers = db.Set<CohortSnapshotMember>().Where(m => m.SnapshotId == from.Id).Select(m => m.PatientId);
        var toMembers = db.Set<CohortSnapshotMember>().Where(m => m.SnapshotId == to.Id).Select(m => m.PatientId);
        var entered = await toMembers.Where(id => !fromMembers.Contains(id)).OrderBy(id => id).ToListAsync(cancellationToken);
        var left = await fromMembers.Where(id => !toMembers.Contains(id)).OrderBy(id => id).ToListAsync(cancellationToken);
        return new CohortChanges(from, to, entered, left);
    }
}

/// <summary>The patients (store ids) who entered and left a cohort between two of its snapshots.</summary>
public sealed record CohortChanges(CohortSnapshot From, CohortSnapshot To, IReadOnlyList<int> Entered, IReadOnlyList<int> Left);
