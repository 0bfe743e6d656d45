using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Phm.Api.Operations;
using Phm.Data.Store;
using Phm.Ml.Scoring;
using Phm.Ml.Tests.Support;

namespace Phm.Api.Tests.Operations;

/// <summary>
/// The hub scores its population with every model version before serving, and is not ready while a model version is not
/// scored; a tier configuration that cannot hold stops it before it builds anything.
/// </summary>
public sealed class RiskScoresReadinessTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "phm-risk-ready-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheHubScoresAtStart_AndIsNotReadyWhileANewModelVersionIsUnscored()
    {
        var models = new SwitchableModels { Current = [new AgeRiskModel()] };
        await using var app = BuildHub(models);
        await app.StartAsync();
        using var client = app.GetTestClient();

        await app.PreparePhmStoreAsync();
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(client));
        await using (var db = app.Services.GetRequiredService<PhmStore>().CreateContext())
            Assert.Equal(await db.ScoredModels.Select(m => m.PatientsScored).SingleAsync(), await db.RiskScores.CountAsync(s => s.ModelVersion == "1.0.0"));

        models.Current = [new AgeRiskModel().WithVersion("2.0.0")];
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync(client));
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(CancellationToken.None);
        Assert.Equal("Risk scores are not current: test-admission-12m 2.0.0: scored with version 1.0.0.", report.Entries["risk scores"].Description);

        await app.Services.GetRequiredService<RiskScoring>().ScoreAsync(force: false, progress: null, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(client));
    }

    [Fact]
    public async Task TheHubScoresWithTheCommittedModels_WhenNoneAreGivenInstead()
    {
        await using var app = BuildHub(models: null);
        await app.StartAsync();
        using var client = app.GetTestClient();

        await app.PreparePhmStoreAsync();

        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(client));
        var committed = (await new RiskModelCatalog(ModelsDirectory.Resolve(configured: null)).DefinitionsAsync()).Select(d => $"{d.Name} {d.Version}").Order();
        await using var db = app.Services.GetRequiredService<PhmStore>().CreateContext();
        var scored = await db.ScoredModels.Select(m => new { m.Name, m.Version, m.PatientsScored }).ToListAsync();
        Assert.Equal(committed, scored.Select(m => $"{m.Name} {m.Version}").Order());
        Assert.All(scored, m => Assert.Equal(m.PatientsScored, db.RiskScores.Count(s => s.Model == m.Name)));
    }

    [Fact]
    public async Task ABadTierConfiguration_StopsTheHub_NamingTheKey_BeforeTheStoreIsBuilt()
    {
        await using var app = BuildHub(new SwitchableModels(), ("Phm:Risk:Tiers:High", "0.2"));

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(app.PreparePhmStoreAsync);

        Assert.Equal("Phm:Risk:Tiers:High (0.2) must be above Phm:Risk:Tiers:VeryHigh (0.5): the shares are cumulative, highest risk first.", refused.Message);
        Assert.False(Directory.Exists(_dataDirectory) && Directory.EnumerateFiles(_dataDirectory, PhmStore.FileName + "*").Any());
    }

    /// <summary>The hub as Program.cs builds it, with the test's models (null: the committed ones), before <see cref="PhmApiExtensions.PreparePhmStoreAsync"/>.</summary>
    private WebApplication BuildHub(SwitchableModels? models, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Phm:DataDirectory"] = _dataDirectory,
            ["Phm:Population"] = "200",
            ["Phm:Seed"] = "7",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>(s.Key, s.Value)));
        builder.AddPhmHub();
        if (models is not null)
            builder.Services.AddSingleton<IRiskModelSource>(models);
        var app = builder.Build();
        app.MapPhmGraphQL();
        app.MapPhmHealthChecks();
        return app;
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(OperationsExtensions.ReadyPath);
        return response.StatusCode;
    }

    /// <summary>A model catalog whose current versions a test changes, as a new version arriving would.</summary>
    private sealed class SwitchableModels : IRiskModelSource
    {
        public IReadOnlyList<IRiskModel> Current { get; set; } = [];

        public Task<IReadOnlyList<IRiskModel>> CurrentModelsAsync(CancellationToken cancellationToken) => Task.FromResult(Current);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
