using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Cli.Tests;

/// <summary><c>phm score</c> scores the store as it is with the committed models, then finds them current; it first gives a store built by an older version the registers held its features read; it refuses a store not built yet.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-score-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Score_ScoresTheStoreWithTheCommittedModels_ThenFindsThemCurrent()
    {
        var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = _directory, Population = 300 }), TimeProvider.System, NullLogger<PhmStore>.Instance);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        var committed = (await new RiskModelCatalog(ModelsDirectory.Resolve(configured: null)).DefinitionsAsync()).Select(d => d.Name).ToList();

        var first = await CliRunner.RunAsync("score", "--data-directory", _directory);
        var second = await CliRunner.RunAsync("score", "--data-directory", _directory);

        Assert.Equal(0, first.ExitCode);
        Assert.All(committed, name => Assert.Matches($@"Scored {name} [\d.]+: [\d,]+ patients at {manifest.ReferenceDate:yyyy-MM-dd}\.", first.Output));
        Assert.Equal((0, $"Already current: {string.Join(", ", committed)} (--force rescores them)."), (second.ExitCode, second.Output.Trim()));
    }

    [Fact]
    public async Task Score_OfAStoreBuiltWithoutRegistersHeld_WritesThemFirst_SoTheFeaturesReadThem()
    {
        var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = _directory, Population = 300 }), TimeProvider.System, NullLogger<PhmStore>.Instance);
        await store.EnsureReadyAsync(CancellationToken.None);
        int held;
        await using (var db = store.CreateContext())
            held = await db.RegistersHeld.ExecuteDeleteAsync();

        var (exitCode, _, error) = await CliRunner.RunAsync("score", "--data-directory", _directory);

        Assert.True(exitCode == 0, error);
        await using var scored = store.CreateContext();
        Assert.True(held > 0, "the store held registers to take away");
        Assert.Equal(held, await scored.RegistersHeld.CountAsync());
    }

    [Fact]
    public async Task Score_BeforeTheStoreIsBuilt_IsRefused_WithTheWayOut()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("score", "--force", "--data-directory", _directory);

        Assert.Equal((1, ""), (exitCode, output));
        Assert.Equal("The store is not built yet: risk scores need its population (run the hub or `phm build` first).", error.Trim());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
