using Phm.Data.Terminology;

namespace Phm.Data.Tests.Terminology;

public sealed class Icd10CodeTests
{
    [Theory]
    [InlineData("J44.1", "J44.1")]
    [InlineData("J441", "J44.1")]    // HES writes codes without the dot
    [InlineData("j44.1", "J44.1")]
    [InlineData(" I50 ", "I50")]
    [InlineData("R69X", "R69")]      // and pads a category with X
    [InlineData("K2505", "K25.05")]
    public void ACodeAsExtractsWriteIt_IsKeptInDottedForm(string text, string code)
    {
        Assert.Equal(code, Icd10Code.Normalise(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("J4")]
    [InlineData("44.1")]
    [InlineData("J44.")]
    [InlineData("J44.1.2")]
    [InlineData("J44.123")]
    [InlineData("JJ4.1")]
    [InlineData("195967001")]  // a SNOMED CT concept, not ICD-10
    public void AnythingElse_IsRefusedWithTheReason(string text)
    {
        Assert.Null(Icd10Code.Normalise(text, out var problem));
        Assert.Equal(Icd10Code.FormatProblem, problem);
    }
}
