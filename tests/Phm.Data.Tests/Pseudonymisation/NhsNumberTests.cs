using Phm.Data.Pseudonymisation;

namespace Phm.Data.Tests.Pseudonymisation;

public sealed class NhsNumberTests
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
