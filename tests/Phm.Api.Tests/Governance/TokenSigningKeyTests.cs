using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Phm.Api.Governance;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Tests.Governance;

/// <summary>The hub's own token signing key: configured, or a file; a corrupt key stops the hub as it starts, saying where it came from and why.</summary>
public sealed class TokenSigningKeyTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "phm-token-key-" + Guid.NewGuid().ToString("N"));

    private string KeyFile => TokenSigningKey.PathIn(new PhmOptions { DataDirectory = _dataDirectory });

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("not a key!", "is not base64")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "has 16 bytes; at least 32 are needed")]
    public async Task ACorruptKeyFile_StopsTheHubAtStart_NamingTheFileAndTheReason_WithoutEchoingIt(string contents, string reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        await File.WriteAllTextAsync(KeyFile, contents);
        using var host = HostWithGovernance();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith($"The token signing key file {KeyFile} {reason}", error.Message);
        if (contents.Length > 0)
            Assert.DoesNotContain(contents, error.Message);
    }

    [Fact]
    public async Task AMissingKeyFile_IsCreatedAtStart()
    {
        using var host = HostWithGovernance();

        await host.StartAsync();

        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(KeyFile)).Length);
        await host.StopAsync();
    }

    [Fact]
    public async Task AConfiguredKey_SignsInsteadOfAFile_SoEveryHubOfADeploymentSharesIt()
    {
        var configured = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var host = HostWithGovernance(configured);

        await host.StartAsync();

        Assert.Equal(Convert.FromBase64String(configured), host.Services.GetRequiredService<Microsoft.IdentityModel.Tokens.SymmetricSecurityKey>().Key);
        Assert.False(File.Exists(KeyFile));
        await host.StopAsync();
    }

    [Fact]
    public async Task AConfiguredKeyTooShort_StopsTheHubAtStart_NamingTheSetting_WithoutEchoingIt()
    {
        using var host = HostWithGovernance("AAAAAAAAAAAAAAAAAAAAAA==");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith($"The token signing key in {TokenSigningKey.SettingName} has 16 bytes; at least 32 are needed", error.Message);
        Assert.DoesNotContain("AAAA", error.Message);
    }

    /// <summary>Governance alone, started as the hub starts it; no store behind it.</summary>
    private IHost HostWithGovernance(string? signingKey = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Phm:DataDirectory"] = _dataDirectory, [TokenSigningKey.SettingName] = signingKey });
        builder.Services.Configure<PhmOptions>(builder.Configuration.GetSection(PhmOptions.SectionName));
        builder.Services.AddPhmGovernance(builder.Configuration);
        // The audit writer, a hosted service, needs the store; these tests are about the key alone.
        builder.Services.RemoveAll<IHostedService>();
        return builder.Build();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
