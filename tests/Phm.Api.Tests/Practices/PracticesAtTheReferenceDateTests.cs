using System.Text.Json;
using Phm.Api.Practices;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Practices;

/// <summary>Beta moved from North to Central PCN in October 2020; Gamma left Central on 31 December 2020, the day before the reference date.</summary>
public sealed class PracticesAtTheReferenceDateTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Fact]
    public async Task Pcns_WithTheirPractices_ListMembersAtTheReferenceDate()
    {
        var response = await fixture.Host.ExecuteAsync("{ pcns { code name practices { code } } }");

        var pcns = response.Data.GetProperty("pcns").EnumerateArray()
            .Select(p => $"{p.GetProperty("code").GetString()}: {string.Join(", ", p.GetProperty("practices").Strings("code"))}");
        Assert.Equal([$"{North}: {Alpha}", $"{Central}: {Beta}"], pcns);
    }

    [Fact]
    public async Task Practices_WithPcnAndMemberships_ShowTheMoveAndTheDeparture()
    {
        var response = await fixture.Host.ExecuteAsync("""
            { practices { code name postcode listSize publishedImdScore pcn { code } pcnMemberships { pcn { code name } validFrom validTo } } }
            """);

        Snapshot.Match(response.Indented);
    }

    [Fact]
    public async Task Pcn_ByKnownCode_ReturnsItsMembers()
    {
        var response = await fixture.Host.ExecuteAsync("query($code: String!) { pcn(code: $code) { name practices { code } } }", new { code = Central });

        Assert.Equal("Central PCN", response.Data.GetProperty("pcn").GetProperty("name").GetString());
        Assert.Equal([Beta], response.Data.GetProperty("pcn").GetProperty("practices").Strings("code"));
    }

    [Fact]
    public async Task Pcn_ByUnknownCode_FailsValidationNamingTheArgument()
    {
        var response = await fixture.Host.ExecuteAsync("{ pcn(code: \"U99999\") { name } }");

        Assert.Equal([PcnNotFoundError.ErrorCode], response.ErrorCodes);
        Assert.Equal("Argument 'code' is invalid: no PCN has the code 'U99999'.", response.ErrorMessage);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Practice_ByUnknownCode_FailsValidationNamingTheArgument()
    {
        var response = await fixture.Host.ExecuteAsync("{ practice(code: \"X00000\") { name } }");

        Assert.Equal([PracticeNotFoundError.ErrorCode], response.ErrorCodes);
        Assert.Contains("'code'", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practice_ThatLeftItsPcnBeforeTheReferenceDate_HasNoPcn()
    {
        var response = await fixture.Host.ExecuteAsync($$"""{ practice(code: "{{Gamma}}") { pcn { code } pcnMemberships { validTo } } }""");

        var practice = response.Data.GetProperty("practice");
        Assert.Equal(JsonValueKind.Null, practice.GetProperty("pcn").ValueKind);
        Assert.Equal("2020-12-31", practice.GetProperty("pcnMemberships")[0].GetProperty("validTo").GetString());
    }
}
