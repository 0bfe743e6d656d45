using Phm.Data.Pseudonymisation;

namespace Phm.Data.Tests.Pseudonymisation;

public sealed class ValidatingAnNhsNumber
{
    [Theory]
    [InlineData("9991111115")]
    [InlineData("999 000 0050")] // check sum 11 is read as 0
    [InlineData("999-000-0018")]
    [InlineData("9434765919")]
    public void AValidNumber_IsAccepted(string text) =>
        Assert.True(NhsNumber.TryParse(text, out _, out _));

    [Theory]
    [InlineData("9991111116", "the check digit does not match (modulus 11)")]
    [InlineData("9991234560", "no valid NHS number starts with these nine digits (the modulus 11 check gives 10)")]
    [InlineData("999111111", "an NHS number has 10 digits, this has 9")]
    [InlineData("99911111150", "an NHS number has 10 digits, this has more")]
    [InlineData("999111111X", "an NHS number has only digits (spaces or hyphens may group them 3-3-4)")]
    [InlineData(" ", "an NHS number is required")]
    public void AnInvalidNumber_IsRejected_WithAReasonThatDoesNotRepeatIt(string text, string reason)
    {
        Assert.False(NhsNumber.TryParse(text, out _, out var actual));
        Assert.Equal(reason, actual);
    }

    [Fact]
    public void ANumber_NeverPrintsItsDigits()
    {
        Assert.True(NhsNumber.TryParse("9991111115", out var number, out _));
        Assert.Equal("NHS number (withheld)", number.ToString());
        Assert.DoesNotContain("9991111115", $"{number}");
    }
}

public sealed class PseudonymisingAnNhsNumber : IDisposable
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
