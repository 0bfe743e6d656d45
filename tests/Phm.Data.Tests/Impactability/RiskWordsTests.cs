using Phm.Data.Impactability;
using Phm.Data.Risk;

namespace Phm.Data.Tests.Impactability;

public sealed class RiskWordsTests
{
    [Theory]
    [InlineData(0.08, "an 8% risk")]
    [InlineData(0.11, "an 11% risk")]
    [InlineData(0.18, "an 18% risk")]
    [InlineData(0.8, "an 80% risk")]
    [InlineData(0.854, "an 85% risk")]
    [InlineData(0.89, "an 89% risk")]
    [InlineData(0.012, "a 1% risk")]
    [InlineData(0.12, "a 12% risk")]
    [InlineData(0.081, "an 8% risk")]
    [InlineData(0.9, "a 90% risk")]
    [InlineData(1.0, "a 100% risk")]
    public void Describe_PutsTheArticleTheNumberIsSaidWith(double probability, string start) =>
        Assert.StartsWith(start + " of death in the next 12 months", RiskWords.Describe(new RiskScoreWords(1, probability, 97.5, RiskTier.High), "death-12m", "death"), StringComparison.Ordinal);
}
