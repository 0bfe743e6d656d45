using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Phm.Web.Worklists;

namespace Phm.Web.Tests.Worklists;

public sealed class WorklistFilterTests
{
    [Fact]
    public void FromQuery_ReadsBackWhatToQueryWrote()
    {
        var filter = new WorklistFilter { Practice = "J82101", Tiers = ["HIGH", "VERY_HIGH"], NationalQuintiles = ["1"], AgeBand = "AGE_18_TO_44" };

        var read = WorklistFilter.FromQuery(Query(filter.ToQuery()));

        Assert.Equal(filter.ToQuery(), read.ToQuery());
        Assert.Equal(
            """{"all":[{"practice":"J82101"},{"risk":{"model":"emergency-admission-12m","tiers":["VERY_HIGH","HIGH"]}},{"nationalQuintiles":[1]},{"age":{"atLeast":18,"atMost":44}}]}""",
            System.Text.Json.JsonSerializer.Serialize(read.Criteria));
    }

    [Theory]
    [InlineData("AGE_x_TO_44")]
    [InlineData("AGE_99999999999_AND_OVER")]
    [InlineData("AGE_")]
    [InlineData("AGE_1_TO_2_TO_3")]
    public void FromQuery_LeavesOutAnAgeBandThatIsNotOneOfTheHubs(string crafted)
    {
        var read = WorklistFilter.FromQuery(Query("&age=" + Uri.EscapeDataString(crafted)));

        Assert.Equal("", read.AgeBand);
        Assert.Null(read.Criteria);
    }

    private static QueryCollection Query(string query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.TrimStart('&')).ToDictionary(p => p.Key, p => (StringValues)p.Value));
}
