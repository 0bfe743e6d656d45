using Phm.Data.Terminology;

namespace Phm.Data.Tests.Terminology;

public sealed class ASnomedConceptId
{
    [Theory]
    [InlineData("84114007")]           // heart failure: short format, international release
    [InlineData("195967001")]
    [InlineData("322236009")]          // paracetamol 500mg tablets (dm+d VMP)
    [InlineData("39720311000001101")]  // long format: a concept in the UK dm+d namespace (partition 10)
    public void WellFormed_IsAccepted(string code) => Assert.Null(SnomedConceptId.Problem(code));

    [Theory]
    [InlineData("84114008", "the check digit does not match (Verhoeff)")]
    [InlineData("195967000", "the check digit does not match (Verhoeff)")]
    [InlineData("12345", "a SNOMED CT concept identifier has 6 to 18 digits")]
    [InlineData("1234567890123456789", "a SNOMED CT concept identifier has 6 to 18 digits")]
    [InlineData("8411400A", "a SNOMED CT concept identifier has 6 to 18 digits")]
    [InlineData("084114007", "a SNOMED CT identifier does not start with 0")]
    [InlineData("1234567011", "not a concept identifier (its partition identifier names another kind of component)")]
    public void Malformed_IsRefused_WithTheReason(string code, string reason) => Assert.Equal(reason, SnomedConceptId.Problem(code));

    [Fact]
    public void EveryCodeOnTheRegisterCodeList_IsWellFormed() =>
        Assert.All(RegisterCodeList.Load(TestReference.Directory).Codes.Keys, code => Assert.Null(SnomedConceptId.Problem(code)));
}
