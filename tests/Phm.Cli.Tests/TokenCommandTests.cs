using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Cli.Tests;

public sealed class TokenCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-token-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Token_ForAClinician_IsSignedWithTheHubsKeyAndCarriesRoleAndPcn()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("token", "--role", "clinician", "--pcn", "U97340", "--subject", "dr-a", "--data-directory", _directory);

        Assert.Equal(0, exitCode);
        var key = TokenSigningKey.Resolve(new PhmOptions { DataDirectory = _directory }, auth: null);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(output.Trim(), LocalTokenIssuer.ValidationParameters(key));
        Assert.True(validation.IsValid);
        var user = new ClaimsPrincipal(validation.ClaimsIdentity);
        Assert.Equal((PhmRoles.Clinician, "U97340", "dr-a"), (PhmRoles.RoleOf(user), PhmRoles.PcnOf(user), user.Identity!.Name));
    }

    [Fact]
    public async Task Token_IsMintedWithoutLoadingTheWebHostOrGraphQL()
    {
        var (exitCode, _, _) = await CliRunner.RunAsync("token", "--role", "analyst", "--data-directory", _directory);

        Assert.Equal(0, exitCode);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name ?? "").ToList();
        Assert.DoesNotContain(loaded, name => name == "Phm.Api" || name.StartsWith("GraphQL", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SigningKey_CreatedOnFirstUse_IsReadableByItsOwnerOnly()
    {
        await CliRunner.RunAsync("token", "--role", "admin", "--data-directory", _directory);

        var path = TokenSigningKey.PathIn(new PhmOptions { DataDirectory = _directory });
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Token_WithACorruptSigningKeyFile_IsRefused_NamingTheFile()
    {
        var path = TokenSigningKey.PathIn(new PhmOptions { DataDirectory = _directory });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a key!");

        var (exitCode, output, error) = await CliRunner.RunAsync("token", "--role", "analyst", "--data-directory", _directory);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal($"The token signing key file {path} is not base64; it must hold a base64 key of at least 32 bytes.", error.Trim());
    }

    [Theory]
    [InlineData("clinician")]
    [InlineData("analyst", "--pcn", "U97340")]
    public async Task Token_WithAPcnThatDoesNotFitTheRole_IsRefused(params string[] roleAndPcn)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["token", "--role", .. roleAndPcn, "--data-directory", _directory]);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Contains("--pcn", error);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
