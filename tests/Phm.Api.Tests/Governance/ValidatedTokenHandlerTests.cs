using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Phm.Api.Governance;
using Phm.Data.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// The hub's own tokens are validated once and then taken as validated until they expire; a token that fails is refused every time,
/// and each token keeps its own claims (another caller's token is never answered with the first's identity).
/// </summary>
public sealed class ValidatedTokenHandlerTests : IDisposable
{
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));
    private readonly ValidatedTokenHandler _handler = new() { MapInboundClaims = false };

    [Fact]
    public async Task AValidToken_SentAgain_IsTakenAsValidated_WithItsOwnClaims()
    {
        var token = Issue(_key, GovernanceTests.PcnA, TimeSpan.FromHours(1));

        var first = await _handler.ValidateTokenAsync(token, LocalTokenIssuer.ValidationParameters(_key));
        var again = await _handler.ValidateTokenAsync(token, LocalTokenIssuer.ValidationParameters(_key));

        Assert.True(first.IsValid);
        Assert.Same(first, again);
        Assert.Equal(GovernanceTests.PcnA, again.ClaimsIdentity.FindFirst(PhmRoles.PcnClaim)?.Value);
    }

    [Fact]
    public async Task CliniciansOfTwoPcns_InTurn_AreEachGivenTheirOwnTokensClaims()
    {
        var ofA = Issue(_key, GovernanceTests.PcnA, TimeSpan.FromHours(1));
        var ofB = Issue(_key, GovernanceTests.PcnB, TimeSpan.FromHours(1));

        foreach (var (token, pcn) in new[] { (ofA, GovernanceTests.PcnA), (ofB, GovernanceTests.PcnB), (ofA, GovernanceTests.PcnA), (ofB, GovernanceTests.PcnB) })
            Assert.Equal(pcn, (await _handler.ValidateTokenAsync(token, LocalTokenIssuer.ValidationParameters(_key))).ClaimsIdentity.FindFirst(PhmRoles.PcnClaim)?.Value);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKey_IsRefusedEveryTime()
    {
        var forged = Issue(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), GovernanceTests.PcnA, TimeSpan.FromHours(1));

        Assert.False((await _handler.ValidateTokenAsync(forged, LocalTokenIssuer.ValidationParameters(_key))).IsValid);
        Assert.False((await _handler.ValidateTokenAsync(forged, LocalTokenIssuer.ValidationParameters(_key))).IsValid);
    }

    [Fact]
    public async Task AnExpiredToken_IsRefused_AndATokenIsNotKeptBeyondItsExpiry()
    {
        var expired = Issue(_key, GovernanceTests.PcnA, TimeSpan.FromHours(1), issuedAgo: TimeSpan.FromHours(2));
        var shortLived = Issue(_key, GovernanceTests.PcnA, TimeSpan.FromSeconds(1));

        Assert.False((await _handler.ValidateTokenAsync(expired, LocalTokenIssuer.ValidationParameters(_key))).IsValid);
        var first = await _handler.ValidateTokenAsync(shortLived, LocalTokenIssuer.ValidationParameters(_key));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = await _handler.ValidateTokenAsync(shortLived, LocalTokenIssuer.ValidationParameters(_key));

        Assert.True(first.IsValid);
        Assert.NotSame(first, later); // validated anew (and, within the default clock skew, still valid)
    }

    public void Dispose() => _handler.Dispose();

    private static string Issue(SecurityKey key, string pcn, TimeSpan lifetime, TimeSpan issuedAgo = default) =>
        new LocalTokenIssuer(key, new ShiftedClock(-issuedAgo)).Issue("test-clinician", PhmRoles.Clinician, pcn, lifetime);

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + shift;
    }
}
