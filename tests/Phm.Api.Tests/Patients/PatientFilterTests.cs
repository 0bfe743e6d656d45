using Microsoft.EntityFrameworkCore;
using Phm.Api.Geography;
using Phm.Api.Loading;
using Phm.Api.Patients;
using Phm.Api.Practices;
using Phm.Api.Risk;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Risk;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Patients;

/// <summary>Ages are at the reference date, 1 January 2021: Ann 64, Bob 31, Cat 10, Dan 80, Eve 46, Fin 20 (born January 2001), Gus 90 (died in December 2020).</summary>
public sealed class PatientFilterTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Theory]
    [InlineData("{}", new[] { Bob, Dan, Fin, Cat, Eve, Ann, Gus })]
    [InlineData("{ pcn: \"" + North + "\" }", new[] { Bob, Ann, Gus })]
    [InlineData("{ pcn: \"" + Central + "\" }", new[] { Dan, Fin, Cat })]
    [InlineData("{ practice: \"" + Gamma + "\" }", new[] { Eve })]
    [InlineData("{ lsoa: \"" + Deprived + "\" }", new[] { Fin, Eve, Ann })]
    [InlineData("{ nationalQuintile: 4 }", new[] { Dan })]
    [InlineData("{ localQuintile: 5 }", new[] { Cat })]
    [InlineData("{ ageFrom: 20, ageTo: 31 }", new[] { Bob, Fin })]
    [InlineData("{ ageFrom: 21, ageTo: 31 }", new[] { Bob })]
    [InlineData("{ ageTo: 10 }", new[] { Cat })]
    [InlineData("{ ageFrom: 65 }", new[] { Dan, Gus })]
    [InlineData("{ sex: FEMALE }", new[] { Cat, Eve, Ann })]
    [InlineData("{ alive: false }", new[] { Gus })]
    [InlineData("{ alive: true, pcn: \"" + North + "\" }", new[] { Bob, Ann })]
    [InlineData("{ registers: [HYPERTENSION] }", new[] { Dan, Eve, Ann })]
    [InlineData("{ registers: [HYPERTENSION, DIABETES] }", new[] { Eve, Ann })]
    [InlineData("{ pcn: \"" + Central + "\", registers: [HEART_FAILURE], sex: MALE }", new[] { Dan })]
    [InlineData("{ registers: [ASTHMA] }", new[] { Fin, Cat })]                 // Bob's was resolved; Fin's diagnosed again
    [InlineData("{ registers: [DEPRESSION] }", new string[0])]                  // Cat is 10, the register starts at 18
    public async Task Patients_WithFilter_ListMatchingPatientsInIdOrder(string filter, string[] expected)
    {
        var response = await fixture.Host.ExecuteAsync($"{{ patients(filter: {filter}) {{ totalCount items {{ id }} }} }}");

        var patients = response.Data.GetProperty("patients");
        Assert.Equal(expected, patients.GetProperty("items").Strings("id"));
        Assert.Equal(expected.Length, patients.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("filter: { pcn: \"U99999\" }", PcnNotFoundError.ErrorCode, "filter.pcn")]
    [InlineData("filter: { practice: \"X00000\" }", PracticeNotFoundError.ErrorCode, "filter.practice")]
    [InlineData("filter: { lsoa: \"E01999999\" }", LsoaNotFoundError.ErrorCode, "filter.lsoa")]
    [InlineData("filter: { nationalQuintile: 9 }", QuintileOutOfRangeError.ErrorCode, "filter.nationalQuintile")]
    [InlineData("filter: { localQuintile: 0 }", QuintileOutOfRangeError.ErrorCode, "filter.localQuintile")]
    [InlineData("filter: { ageFrom: 40, ageTo: 30 }", AgeRangeInvalidError.ErrorCode, "filter.ageFrom")]
    [InlineData("filter: { ageTo: -1 }", AgeRangeInvalidError.ErrorCode, "filter.ageTo")]
    [InlineData("first: 501", PageSizeOutOfRangeError.ErrorCode, "first")]
    [InlineData("first: -1", PageSizeOutOfRangeError.ErrorCode, "first")]
    [InlineData("after: \"not a cursor\"", MalformedCursorError.ErrorCode, "after")]
    [InlineData("after: \"aGVsbG8\"", MalformedCursorError.ErrorCode, "after")]
    public async Task Patients_WithBadArgument_FailValidationBeforeReadingPatients(string arguments, string code, string argument)
    {
        fixture.Host.Commands.Reset();

        var response = await fixture.Host.ExecuteAsync($"{{ patients({arguments}) {{ totalCount }} }}");

        Assert.Equal([code], response.ErrorCodes);
        Assert.StartsWith($"Argument '{argument}' is invalid: ", response.ErrorMessage, StringComparison.Ordinal);
        Assert.False(response.Json.TryGetProperty("data", out _));
        Assert.DoesNotContain(fixture.Host.Commands.Commands, sql => sql.Contains("\"Patients\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patients_WithUnknownPcnInVariables_ReportTheReason()
    {
        var response = await fixture.Host.ExecuteAsync(
            "query($filter: PatientFilter) { patients(filter: $filter) { totalCount } }", new { filter = new { pcn = "U99999" } });

        Assert.Equal("Argument 'filter.pcn' is invalid: no PCN has the code 'U99999'.", response.ErrorMessage);
    }

    public static TheoryData<string?> Scopes => [null, North, Central];

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task CountFromKeptCells_OfAModelsScoreAlone_IsTheNumberOfPatientsMeetingIt_InEveryScope(string? pcn)
    {
        await using var db = fixture.OpenContext();
        db.PatientScope = pcn is null ? PatientScope.Everyone : PatientScope.RegisteredIn(pcn);
        var referenceDate = await db.Manifest.Select(m => m.ReferenceDate).SingleAsync();
        PatientFilter[] filters =
        [
            new(Risk: new RiskFilter(TestRiskScores.Admission)),
            new(Risk: new RiskFilter(TestRiskScores.Admission, [RiskTier.VeryHigh, RiskTier.High])),
            new(Risk: new RiskFilter(TestRiskScores.Mortality, [RiskTier.Low])),
        ];

        foreach (var filter in filters)
            Assert.Equal(await filter.Apply(db, referenceDate).CountAsync(), await filter.CountFromKeptCells(db)!(CancellationToken.None));
    }

    [Fact]
    public async Task CountFromKeptCells_OfAnyOtherFilter_IsNone_SoItsPatientsAreCounted()
    {
        await using var db = fixture.OpenContext();
        var risk = new RiskFilter(TestRiskScores.Admission, [RiskTier.VeryHigh]);

        Assert.Null(new PatientFilter().CountFromKeptCells(db));
        Assert.Null(new PatientFilter(Risk: risk with { MinPercentile = 90 }).CountFromKeptCells(db));
        Assert.Null(new PatientFilter(Practice: Alpha, Risk: risk).CountFromKeptCells(db));
        Assert.Null(new PatientFilter(Alive: true, Risk: risk).CountFromKeptCells(db));
        Assert.Null(new PatientFilter(Registers: [ConditionRegister.Hypertension], Risk: risk).CountFromKeptCells(db));
    }
}
