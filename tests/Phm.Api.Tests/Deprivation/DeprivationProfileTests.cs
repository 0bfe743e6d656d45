using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Deprivation;

/// <summary>
/// At the reference date North (Alpha) has Ann (quintile 1, local 1) and Bob (national 2, local 3); Central (Beta) has Cat
/// (5, local 5), Dan (4, in Eastleigh: no local quintile) and Fin (1, local 1); Gamma, in no PCN, has Eve. Gus (Alpha) died
/// before the reference date and is not counted.
/// </summary>
public sealed class DeprivationProfileTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    private const string Profile = """
        query($groupBy: DeprivationGrouping!) {
          deprivationProfile(groupBy: $groupBy) {
            group { code name } patients
            byNationalQuintile { quintile patients percentage }
            byLocalQuintile { quintile patients percentage }
            outsideLocalAuthority { patients percentage }
          }
        }
        """;

    [Fact]
    public async Task DeprivationProfile_ByPcn_SplitsEachPcnsPatientsByQuintileWithOutOfAreaApart()
    {
        var response = await fixture.Host.ExecuteAsync(Profile, new { groupBy = "PCN" });

        Snapshot.Match(response.Indented);
    }

    [Fact]
    public async Task DeprivationProfile_ByPractice_CountsEveryPracticeIncludingThoseOutsideAnyPcn()
    {
        var response = await fixture.Host.ExecuteAsync(Profile, new { groupBy = "PRACTICE" });

        var groups = response.Data.GetProperty("deprivationProfile");
        Assert.Equal([Alpha, Beta, Gamma], groups.EnumerateArray().Select(g => g.GetProperty("group").GetProperty("code").GetString()));
        Assert.Equal([2, 3, 1], groups.EnumerateArray().Select(g => g.GetProperty("patients").GetInt32()));
        var gamma = groups[2];
        Assert.Equal(1, gamma.GetProperty("byNationalQuintile")[0].GetProperty("patients").GetInt32());
        Assert.Equal(100.0, gamma.GetProperty("byLocalQuintile")[0].GetProperty("percentage").GetDouble());
    }
}
