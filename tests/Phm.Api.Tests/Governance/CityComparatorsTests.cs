using Phm.Data.Governance;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// City comparators (<c>cityComparison</c>): the whole city's living patients, which a clinician's PCN figures are set against,
/// shown to every role under analysts' disclosure control (administrators exact), over the hand-made population and thirteen more.
/// The PCN scope itself is a matter of the hub's HTTP pipeline: <see cref="CityComparatorsOverHttpTests"/>.
/// </summary>
public sealed class CityComparatorsTests : IAsyncLifetime
{
    private const string City = """
        { cityComparison {
            members membersSuppression
            ageBandsBySex { ageBand sex patients percentage suppression }
            deprivation { byNationalQuintile { quintile patients percentage suppression } byLocalQuintile { quintile patients percentage suppression } }
            topRegisters(first: 19) { register patients percentage suppression }
            riskTiers { model patients suppression tiers { tier patients percentage suppression } }
            activity { kind events suppression ratePerThousandMembers }
        } }
        """;

    private TestStore _store = null!;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(SeedWithThirteenMore);
        _host = SchemaHost.Over(_store.Path);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task AClinician_SeesExactlyWhatAnAnalystSees_OfTheCity()
    {
        var clinician = await _host.ExecuteAsync(City, user: SchemaHost.CallerAs(PhmRoles.Clinician, North, "clinician-north"));
        var otherClinician = await _host.ExecuteAsync(City, user: SchemaHost.CallerAs(PhmRoles.Clinician, Central, "clinician-central"));
        var analyst = await _host.ExecuteAsync(City, user: SchemaHost.CallerAs(PhmRoles.Analyst));

        Assert.Empty(analyst.ErrorCodes);
        Assert.Equal(analyst.Body, clinician.Body);
        Assert.Equal(analyst.Body, otherClinician.Body);
    }

    [Fact]
    public async Task TopRegisters_OutOfRange_IsRefused_NamingTheArgument()
    {
        var response = await _host.ExecuteAsync("{ cityComparison { topRegisters(first: 0) { register } } }", user: SchemaHost.CallerAs(PhmRoles.Analyst));

        Assert.Equal(["REGISTER_COUNT_OUT_OF_RANGE"], response.ErrorCodes);
        Assert.Contains("'first'", response.ErrorMessage, StringComparison.Ordinal);
    }
}
