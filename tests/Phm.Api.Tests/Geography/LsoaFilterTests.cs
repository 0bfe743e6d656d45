using Phm.Api.Geography;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Geography;

public sealed class LsoaFilterTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Fact]
    public async Task Lsoas_WithoutFilter_ListEveryLsoaByCodeWithItsDeprivation()
    {
        var response = await fixture.Host.ExecuteAsync("""
            {
              lsoas {
                code name localAuthority { code name } inLocalAuthority
                imdScore imdScoreIsEstimated imdRank imdDecile nationalQuintile localQuintile
                domainDeciles { income employment education health crime barriersToHousingAndServices livingEnvironment }
                population { total aged0To15 aged16To59 aged60Plus }
              }
            }
            """);

        Snapshot.Match(response.Indented);
    }

    [Theory]
    [InlineData("{ nationalQuintile: 1 }", new[] { Deprived })]
    [InlineData("{ localQuintile: 3 }", new[] { Middling })]
    [InlineData("{ inLocalAuthority: false }", new[] { Eastleigh })]
    [InlineData("{ inLocalAuthority: true, nationalQuintile: 5 }", new[] { Affluent })]
    [InlineData("{ nationalQuintile: 3 }", new string[0])]
    public async Task Lsoas_WithFilter_ListOnlyMatchingLsoas(string filter, string[] expected)
    {
        var response = await fixture.Host.ExecuteAsync($"{{ lsoas(filter: {filter}) {{ code }} }}");

        Assert.Equal(expected, response.Data.GetProperty("lsoas").Strings("code"));
    }

    [Theory]
    [InlineData("nationalQuintile", 0)]
    [InlineData("localQuintile", 6)]
    public async Task Lsoas_WithQuintileOutsideOneToFive_FailValidationNamingTheArgument(string field, int quintile)
    {
        var response = await fixture.Host.ExecuteAsync(
            $"query($q: Int) {{ lsoas(filter: {{ {field}: $q }}) {{ code }} }}", new { q = quintile });

        Assert.Equal([QuintileOutOfRangeError.ErrorCode], response.ErrorCodes);
        Assert.Equal(
            $"Argument 'filter.{field}' is invalid: a quintile is 1 (most deprived) to 5 (least deprived), not {quintile}.",
            response.ErrorMessage);
    }
}
