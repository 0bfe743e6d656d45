using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

public sealed class BuildingTheEmbeddedStore : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-store-" + Guid.NewGuid().ToString("N"));

    private PhmStore StoreWith(int population, int seed) =>
        new(Options.Create(new PhmOptions { DataDirectory = _directory, Population = population, Seed = seed }), TimeProvider.System, NullLogger<PhmStore>.Instance);

    [Fact]
    public async Task FirstStart_BuildsACompleteStore_WithItsManifest()
    {
        var store = StoreWith(3000, 7);

        var manifest = await store.EnsureReadyAsync(CancellationToken.None);

        await using var db = PhmStore.CreateContext(store.FilePath);
        Assert.Equal(3000, await db.Patients.CountAsync());
        Assert.Equal(148, await db.Lsoas.CountAsync(l => l.IsInLocalAuthority));
        Assert.Equal(27, await db.Practices.CountAsync());
        Assert.True(await db.Activities.CountAsync() > 3000 * 3 * 5, "three years of activity at about ten contacts a person-year");
        Assert.Equal((7, 3000, "E06000045"), (manifest.Seed, manifest.Population, manifest.LocalAuthorityCode));
        Assert.False(File.Exists(store.FilePath + ".building"));
    }

    [Fact]
    public async Task ASecondStart_WithTheSameSettings_ReusesTheStore()
    {
        var built = await StoreWith(500, 7).EnsureReadyAsync(CancellationToken.None);

        var reused = await StoreWith(500, 7).EnsureReadyAsync(CancellationToken.None);

        Assert.Equal(built.BuiltAtUtc, reused.BuiltAtUtc);
    }

    [Theory]
    [InlineData(500, 8)]
    [InlineData(600, 7)]
    public async Task AChangedSeedOrPopulation_RebuildsTheStore(int population, int seed)
    {
        var built = await StoreWith(500, 7).EnsureReadyAsync(CancellationToken.None);

        var rebuilt = await StoreWith(population, seed).EnsureReadyAsync(CancellationToken.None);

        Assert.NotEqual(built.BuiltAtUtc, rebuilt.BuiltAtUtc);
        Assert.Equal((population, seed), (rebuilt.Population, rebuilt.Seed));
        await using var db = PhmStore.CreateContext(StoreWith(population, seed).FilePath);
        Assert.Equal(population, await db.Patients.CountAsync());
    }

    [Fact]
    public async Task AnInterruptedBuild_LeavesNoStore_AndTheNextStartBuildsOne()
    {
        var store = StoreWith(500, 7);
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.EnsureReadyAsync(interrupted.Token));

        Assert.False(File.Exists(store.FilePath));
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        Assert.Equal(500, manifest.Population);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
