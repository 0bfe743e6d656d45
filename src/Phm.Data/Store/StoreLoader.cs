using Phm.Data.Population;

namespace Phm.Data.Store;

/// <summary>Fills an empty store: reference data through EF Core, the generated population through bulk inserts.</summary>
public sealed class StoreLoader(PhmDbContext db, TimeProvider time)
{
    public async Task<StoreManifest> LoadAsync(ReferenceData reference, PopulationSettings settings, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Lsoas.AddRange(reference.Lsoas);
        db.Pcns.AddRange(reference.Pcns);
        db.Practices.AddRange(reference.Practices);
        await db.SaveChangesAsync(cancellationToken);

        var population = PopulationGenerator.Generate(reference, settings);
        await new BulkWriter(db).WriteAsync(population, cancellationToken);

        var manifest = new StoreManifest
        {
            GeneratorVersion = PopulationSettings.GeneratorVersion,
            Seed = settings.Seed,
            Population = settings.Population,
            LocalAuthorityCode = settings.LocalAuthority,
            ReferenceDate = PopulationSettings.ReferenceDate,
            BuiltAtUtc = time.GetUtcNow(),
        };
        db.Manifest.Add(manifest);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return manifest;
    }
}
