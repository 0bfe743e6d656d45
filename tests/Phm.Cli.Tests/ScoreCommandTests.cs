using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

namespace Phm.Cli.Tests;

/// <summary><c>phm score</c> scores the store as it is: it says when there is nothing to score, and refuses a store not built yet.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-score-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Score_WithoutRiskModels_SaysThereIsNothingToScore()
    {
        var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = _directory, Population = 300 }), TimeProvider.System, NullLogger<PhmStore>.Instance);
        await store.EnsureReadyAsync(CancellationToken.None);

        var (exitCode, output, _) = await CliRunner.RunAsync("score", "--data-directory", _directory);

        Assert.Equal((0, "No risk models to score."), (exitCode, output.Trim()));
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
