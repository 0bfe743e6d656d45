using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Phm.Api.Operations;
using Phm.Data.Store;

namespace Phm.Api.Tests.Operations;

/// <summary>Probes: live while the process runs, ready once the store is prepared and the database answers; no token, no data.</summary>
[Collection(HubCollection.Name)]
public sealed class HealthEndpointTests(PhmApiFactory hub) : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "phm-health-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(OperationsExtensions.LivePath)]
    [InlineData(OperationsExtensions.ReadyPath)]
    public async Task TheRunningHub_IsLiveAndReady_WithoutAToken_SayingOnlyItsStatus(string path)
    {
        using var client = hub.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_Is503UntilTheStoreIsPrepared_And503AgainWhenTheDatabaseIsGone_WhileLiveStays200()
    {
        await using var app = await StartUnpreparedHubAsync();
        using var client = app.GetTestClient();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(client, OperationsExtensions.LivePath));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync(client, OperationsExtensions.ReadyPath));

        await app.PreparePhmStoreAsync();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(client, OperationsExtensions.ReadyPath));

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_dataDirectory, PhmStore.FileName + "*"))
            File.Delete(file);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync(client, OperationsExtensions.ReadyPath));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(client, OperationsExtensions.LivePath));
    }

    /// <summary>The hub as Program.cs builds it, started without <see cref="PhmApiExtensions.PreparePhmStoreAsync"/>.</summary>
    private async Task<WebApplication> StartUnpreparedHubAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Phm:DataDirectory"] = _dataDirectory,
            ["Phm:Population"] = "200",
            ["Phm:Seed"] = "7",
        });
        builder.AddPhmHub();
        var app = builder.Build();
        app.MapPhmGraphQL();
        app.MapPhmHealthChecks();
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode, string)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
