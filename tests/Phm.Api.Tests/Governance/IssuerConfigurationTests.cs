using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Phm.Api.Governance;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Tests.Governance;

/// <summary>Where the hub takes its tokens from: its own key by default, an external issuer when configured.</summary>
public sealed class IssuerConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "phm-issuer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void WithoutAnAuthority_TokensAreCheckedAgainstTheLocalKey_CreatedInTheDataDirectory()
    {
        var bearer = BearerOptions(new Dictionary<string, string?> { ["Phm:DataDirectory"] = _dataDirectory });

        Assert.Null(bearer.Authority);
        Assert.IsType<SymmetricSecurityKey>(bearer.TokenValidationParameters.IssuerSigningKey);
        Assert.Equal(LocalTokenIssuer.Issuer, bearer.TokenValidationParameters.ValidIssuer);
        Assert.True(File.Exists(TokenSigningKey.PathIn(new PhmOptions { DataDirectory = _dataDirectory })));
    }

    [Fact]
    public void WithAnAuthority_TokensComeFromThatIssuer_AndNoLocalKeyIsMade()
    {
        var bearer = BearerOptions(new Dictionary<string, string?>
        {
            ["Phm:DataDirectory"] = _dataDirectory,
            ["Phm:Auth:Authority"] = "https://login.example.nhs.uk/realm",
            ["Phm:Auth:Audience"] = "phm-hub",
        });

        Assert.Equal(("https://login.example.nhs.uk/realm", "phm-hub"), (bearer.Authority, bearer.Audience));
        Assert.Equal(PhmRoles.RoleClaim, bearer.TokenValidationParameters.RoleClaimType);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    private static JwtBearerOptions BearerOptions(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().Configure<PhmOptions>(configuration.GetSection(PhmOptions.SectionName));
        using var provider = services.AddPhmGovernance(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
