using Microsoft.EntityFrameworkCore;
using Phm.Data.Cohorts;
using Phm.Data.Population;

namespace Phm.Data.Store;

/// <summary>
/// Replaces a store's contents in one transaction: reference data through EF Core, the generated population through
/// bulk copy, the manifest last. A failure at any point rolls back to what was there before.
/// </summary>
public sealed class StoreLoader(PhmDbContext db, TimeProvider time, PhaseStopwatch phases)
{
    public async Task<StoreManifest> LoadAsync(ReferenceData reference, PopulationSettings settings, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Index builds and foreign key checks over millions of rows outlast any ordinary command timeout.
        db.Database.SetCommandTimeout(0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClearAsync(cancellationToken);
        db.Lsoas.AddRange(reference.Lsoas);
        db.Pcns.AddRange(reference.Pcns);
        db.Practices.AddRange(reference.Practices);
        await db.SaveChangesAsync(cancellationToken);
        phases.Lap("cleared, reference rows written");

        var population = PopulationGenerator.Generate(reference, settings);
        await new BulkWriter(db, phases).WriteAsync(population, PopulationSettings.ReferenceDate, cancellationToken);

        var manifest = new StoreManifest
        {
            GeneratorVersion = PopulationSettings.GeneratorVersion,
            Seed = settings.Seed,
            Population = settings.Population,
            LocalAuthorityCode = settings.LocalAuthority,
            ReferenceDate = PopulationSettings.ReferenceDate,
            BuiltAtUtc = time.GetUtcNowInMilliseconds(),
        };
        db.Manifest.Add(manifest);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        phases.Lap("committed");
        db.ChangeTracker.Clear();
        return manifest;
    }

    /// <summary>
    /// Children before parents, so foreign keys hold at every step. The ingest ledger goes with the patients it records:
    /// kept, it would make a re-ingest of the same extract count as duplicates of records that no longer exist.
    /// Risk scores go too: they were made of the old population, and the hub scores the new one.
    /// So do cohort snapshots: their members are patient ids, which the new population reuses for other people.
    /// The audit trail, the quarantine and saved cohort definitions stay: they are history and user data, not data derived
    /// from the population.
    /// </summary>
    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        await db.Manifest.ExecuteDeleteAsync(cancellationToken);
        await db.Set<CohortSnapshotMember>().ExecuteDeleteAsync(cancellationToken);
        await db.CohortSnapshots.ExecuteDeleteAsync(cancellationToken);
        await db.IngestedRecords.ExecuteDeleteAsync(cancellationToken);
        await db.RiskScoreCells.IgnoreQueryFilters().ExecuteDeleteAsync(cancellationToken);
        await db.PopulationCells.IgnoreQueryFilters().ExecuteDeleteAsync(cancellationToken);
        await db.RiskScores.ExecuteDeleteAsync(cancellationToken);
        await db.ScoredModels.ExecuteDeleteAsync(cancellationToken);
        await db.Set<GeneratorTruth>().ExecuteDeleteAsync(cancellationToken);
        await db.PatientSegments.ExecuteDeleteAsync(cancellationToken);
        await db.RegistersHeld.ExecuteDeleteAsync(cancellationToken);
        await db.ActivityHistories.ExecuteDeleteAsync(cancellationToken);
        await db.Procedures.ExecuteDeleteAsync(cancellationToken);
        await db.Prescriptions.ExecuteDeleteAsync(cancellationToken);
        await db.CareFlags.ExecuteDeleteAsync(cancellationToken);
        await db.Activities.ExecuteDeleteAsync(cancellationToken);
        await db.Conditions.ExecuteDeleteAsync(cancellationToken);
        await db.Patients.ExecuteDeleteAsync(cancellationToken);
        await db.PcnMemberships.ExecuteDeleteAsync(cancellationToken);
        await db.Practices.ExecuteDeleteAsync(cancellationToken);
        await db.Pcns.ExecuteDeleteAsync(cancellationToken);
        await db.Lsoas.ExecuteDeleteAsync(cancellationToken);
    }
}
