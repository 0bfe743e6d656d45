using Phm.Data.Pseudonymisation;

namespace Phm.Data.Tests.Pseudonymisation;

public sealed class PseudonymisationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-keys-" + Guid.NewGuid().ToString("N"));

    private string KeyFile => Path.Combine(_directory, "pseudonymisation.key");

    [Fact]
    public void TheSameNumberAndKey_GiveTheSamePseudonym_AndAnotherKeyAnother()
    {
        var number = Parse("9991111115");
        var key = PseudonymisationKey.LoadOrCreate(KeyFile);
        var otherKey = PseudonymisationKey.LoadOrCreate(Path.Combine(_directory, "other.key"));

        var pseudonym = new Pseudonymiser(key).Pseudonymise(number);

        Assert.Matches("^[0-9a-f]{32}$", pseudonym);
        Assert.Equal(pseudonym, new Pseudonymiser(PseudonymisationKey.LoadOrCreate(KeyFile)).Pseudonymise(Parse("999 111 1115")));
        Assert.NotEqual(pseudonym, new Pseudonymiser(otherKey).Pseudonymise(number));
        Assert.NotEqual(pseudonym, new Pseudonymiser(key).Pseudonymise(Parse("9990000018")));
    }

    [Fact]
    public void ARecordIdentity_IsKeyedAndSplitByItsParts_AndNeverAnNhsNumbersPseudonym()
    {
        var key = PseudonymisationKey.LoadOrCreate(KeyFile);
        using var hasher = new Pseudonymiser(key).CreateRecordIdentityHasher();
        using var otherKey = new Pseudonymiser(PseudonymisationKey.LoadOrCreate(Path.Combine(_directory, "other.key"))).CreateRecordIdentityHasher();

        var hash = hasher.Hash("csv-record-id", "gp", "activity.csv", "9991111115");

        Assert.Matches("^[0-9a-f]{32}$", hash);
        Assert.Equal(hash, hasher.Hash("csv-record-id", "gp", "activity.csv", "9991111115"));
        Assert.NotEqual(hash, otherKey.Hash("csv-record-id", "gp", "activity.csv", "9991111115"));
        Assert.NotEqual(hasher.Hash("ab", "c"), hasher.Hash("a", "bc"));
        Assert.NotEqual(new Pseudonymiser(key).Pseudonymise(Parse("9991111115")), hasher.Hash("9991111115"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AKeyFile_IsCreatedOnFirstUse_ReadableByItsOwnerOnly()
    {
        PseudonymisationKey.LoadOrCreate(KeyFile);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("not a key!", "is not base64")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "has 16 bytes; at least 32 are needed")]
    public void ACorruptKeyFile_IsRefused_NamingTheFileAndTheReason_WithoutEchoingIt(string contents, string reason)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(KeyFile, contents);

        var error = Assert.Throws<InvalidOperationException>(() => PseudonymisationKey.LoadOrCreate(KeyFile));

        Assert.StartsWith($"The pseudonymisation key file {KeyFile} {reason}", error.Message);
        if (contents.Length > 0)
            Assert.DoesNotContain(contents, error.Message);
    }

    private static NhsNumber Parse(string text) =>
        NhsNumber.TryParse(text, out var number, out var reason) ? number : throw new ArgumentException(reason, nameof(text));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
