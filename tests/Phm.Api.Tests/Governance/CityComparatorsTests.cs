using Phm.Data.Governance;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// City comparators (<c>cityComparison</c>): the whole city's living patients, which a clinician's PCN figures are set against,
/// shown to every role under analysts' disclosure control (administrators exact), over the hand-made population with its test risk scores.
/// The PCN scope itself is a matter of the hub's HTTP pipeline: <see cref="CityComparatorsOverHttpTests"/>.
/// </summary>
public sealed class CityComparatorsTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
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

    [Fact]
    public async Task AClinician_SeesExactlyWhatAnAnalystSees_OfTheCity()
    {
        var clinician = await fixture.Host.ExecuteAsync(City, user: SchemaHost.CallerAs(PhmRoles.Clinician, North, "clinician-north"));
        var otherClinician = await fixture.Host.ExecuteAsync(City, user: SchemaHost.CallerAs(PhmRoles.Clinician, Central, "clinician-central"));
        var analyst = await fixture.Host.ExecuteAsync(City, user: SchemaHost.CallerAs(PhmRoles.Analyst));

        Assert.Empty(analyst.ErrorCodes);
        Assert.Equal(analyst.Body, clinician.Body);
        Assert.Equal(analyst.Body, otherClinician.Body);
    }

    [Fact]
    public async Task TopRegisters_OutOfRange_IsRefused_NamingTheArgument()
    {
        var response = await fixture.Host.ExecuteAsync("{ cityComparison { topRegisters(first: 0) { register } } }", user: SchemaHost.CallerAs(PhmRoles.Analyst));

        Assert.Equal(["REGISTER_COUNT_OUT_OF_RANGE"], response.ErrorCodes);
        Assert.Contains("'first'", response.ErrorMessage, StringComparison.Ordinal);
    }
}
