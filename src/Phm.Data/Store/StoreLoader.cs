using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Patients;
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
        var truncated = await ClearAsync(cancellationToken);
        db.Lsoas.AddRange(reference.Lsoas);
        db.Pcns.AddRange(reference.Pcns);
        db.Practices.AddRange(reference.Practices);
        await db.SaveChangesAsync(cancellationToken);
        phases.Lap("cleared, reference rows written");

        var population = PopulationGenerator.Generate(reference, settings);
        await new BulkWriter(db, phases).WriteAsync(population, PopulationSettings.ReferenceDate, tablesEmptiedInTransaction: truncated, cancellationToken);

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
    /// The patients' table and every table whose rows name one of its patients by a foreign key (their records, what is derived
    /// from them, their scores, cohort snapshots' members), children first: emptied together (<see cref="EmptyPatientTablesAsync"/>).
    /// Read from the model, so a table added later that names a patient is emptied with them (a truncation that left it out
    /// would fail).
    /// </summary>
    private string[] PatientTables()
    {
        var patients = db.Model.FindEntityType(typeof(Patient))!;
        var naming = db.Model.GetEntityTypes().Where(entity => entity != patients && entity.GetForeignKeys().Any(key => key.PrincipalEntityType == patients));
        return [.. naming.Append(patients).Select(entity => entity.GetTableName()!).Distinct()];
    }

    /// <summary>
    /// Children before parents, so foreign keys hold at every step. The ingest ledger goes with the patients it records:
    /// kept, it would make a re-ingest of the same extract count as duplicates of records that no longer exist.
    /// Risk scores go too: they were made of the old population, and the hub scores the new one.
    /// So do cohort snapshots: their members are patient ids, which the new population reuses for other people.
    /// The audit trail, the quarantine and saved cohort definitions stay: they are history and user data, not data derived
    /// from the population. Returns whether the patients' tables were truncated (<see cref="EmptyPatientTablesAsync"/>).
    /// </summary>
    private async Task<bool> ClearAsync(CancellationToken cancellationToken)
    {
        await db.Manifest.ExecuteDeleteAsync(cancellationToken);
        var truncated = await EmptyPatientTablesAsync(cancellationToken);
        await db.CohortSnapshots.ExecuteDeleteAsync(cancellationToken);
        await db.IngestedRecords.ExecuteDeleteAsync(cancellationToken);
        await db.RiskScoreCells.IgnoreQueryFilters().ExecuteDeleteAsync(cancellationToken);
        await db.PopulationCells.IgnoreQueryFilters().ExecuteDeleteAsync(cancellationToken);
        await db.ScoredModels.ExecuteDeleteAsync(cancellationToken);
        await db.PcnMemberships.ExecuteDeleteAsync(cancellationToken);
        await db.Practices.ExecuteDeleteAsync(cancellationToken);
        await db.Pcns.ExecuteDeleteAsync(cancellationToken);
        await db.Lsoas.ExecuteDeleteAsync(cancellationToken);
        return truncated;
    }

    /// <summary>
    /// Empties <see cref="PatientTables"/>: truncated in one statement where the provider can (<see cref="IBulkCopy.TruncateSql"/>),
    /// so that the population may be copied in as already committed; else deleted table by table. Returns whether they were truncated.
    /// </summary>
    private async Task<bool> EmptyPatientTablesAsync(CancellationToken cancellationToken)
    {
        var tables = PatientTables();
        if (db.CreateBulkCopy().TruncateSql(tables) is { } truncate)
        {
            await db.Database.ExecuteSqlRawAsync(truncate, cancellationToken);
            return true;
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in tables)
        {
            // The model's table names, delimited.
            var delete = $"DELETE FROM {sql.DelimitIdentifier(table)}";
            await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
        }
        return false;
    }
}
