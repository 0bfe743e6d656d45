using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

public class FeatureContributionTests
{
    [Theory]
    [InlineData(0.24f, 0.24)]
    [InlineData(1.1f, 1.1)]
    [InlineData(3f, 3)]
    [InlineData(-0.7f, -0.7)]
    [InlineData(84.5f, 84.5)]
    public void ShownValue_IsTheFloatsShortestDecimalAsADouble(float value, double shown)
    {
        var contribution = new FeatureContribution("urgent_care_ratio", value, 0.1);

        Assert.Equal(shown, contribution.ShownValue);
        Assert.Equal(value, (float)contribution.ShownValue);
    }
}
