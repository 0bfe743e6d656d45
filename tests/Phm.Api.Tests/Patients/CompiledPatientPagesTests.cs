using System.Net;
using System.Text.Json.Nodes;
using Phm.Api.Governance;

namespace Phm.Api.Tests.Patients;

/// <summary>
/// A practice's page of patients in id order, with at most one national quintile and one register and no total count, is read by
/// an EF Core compiled query shared by every caller (<c>CompiledPatientPages</c>): it holds the same patients, cursors and register
/// entries as the page built per request (asked for with <c>totalCount</c>, which only that path serves), and never gives one PCN's
/// clinician another PCN's patients. On SQLite (<see cref="SqliteCompiledPatientPagesTests"/>) and PostgreSQL.
/// </summary>
public abstract class CompiledPatientPagesTests(Func<PhmApiFactory> hub)
{
    /// <summary>A member practice of PCN A in the generated population.</summary>
    private const string PracticeOfA = "J82101";

    private const string WithConditions = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id practice { code } lsoa { code nationalQuintile } conditions { register snomedCode onsetDate } } }";

    /// <summary>The page's register entries asked only for fields answered without their codes (<c>ConditionFields.ReadingTheEntryAlone</c>).</summary>
    private const string WithConditionsWithoutCodes = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id practice { code } lsoa { code } conditions { __typename register kind onsetDate } } }";

    private const string WithoutConditions = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id practice { code } lsoa { code nationalQuintile } } }";

    /// <summary>
    /// A page whose patients are asked, through a fragment, for every field a patient read as its keys answers
    /// (<c>PatientKeyFields.ReadingKeysAlone</c>), and for what <c>{0}</c> adds.
    /// </summary>
    private const string EveryKeyField = "{ patients(first: 6, filter: { practice: \"" + PracticeOfA + "\", nationalQuintile: 1 }) { pageInfo { endCursor hasNextPage } "
        + "edges { cursor node { ...keys {0} } } } } fragment keys on Patient { __typename id practice { code } lsoa { code } "
        + "conditions { register kind snomedCode onsetDate codeList } careFlags { kind recordedOn } activity { kind date lengthOfStayDays } activityCounts { kind count } "
        + "risk(model: \"emergency-admission-12m\") { percentile tier } medicinesPrescribed proceduresPerformed impactability { signal } }";

    [SkippableFact]
    public async Task APageOfPatientsReadAsTheirKeys_AnswersEachKeyFieldAsAPageOfWholePatients()
    {
        var clinician = hub().AsClinician(GovernanceTests.PcnA);

        var keys = PatientsOf(await clinician.PostGraphQLAsync(EveryKeyField.Replace("{0}", "", StringComparison.Ordinal)));
        var whole = PatientsOf(await clinician.PostGraphQLAsync(EveryKeyField.Replace("{0}", "sex", StringComparison.Ordinal)));

        Assert.NotEmpty(whole["edges"]!.AsArray());
        foreach (var edge in whole["edges"]!.AsArray())
        {
            Assert.NotNull((string?)edge!["node"]!["sex"]);
            edge["node"]!.AsObject().Remove("sex");
        }
        Assert.Equal(whole.ToJsonString(), keys.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("practice: \"" + PracticeOfA + "\"", WithConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\"", WithoutConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\", nationalQuintile: 1", WithConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\", nationalQuintile: 3", WithoutConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\", registers: [HYPERTENSION]", WithConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\", nationalQuintile: 1, registers: [HYPERTENSION]", WithoutConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\", nationalQuintile: 2, registers: [ASTHMA]", WithConditions)]
    [InlineData("practice: \"" + PracticeOfA + "\", nationalQuintile: 1", WithConditionsWithoutCodes)]
    [InlineData("practice: \"" + PracticeOfA + "\", registers: [HYPERTENSION]", WithConditionsWithoutCodes)]
    public async Task APracticesPages_AreThoseBuiltPerRequest(string filter, string fields)
    {
        var clinician = hub().AsClinician(GovernanceTests.PcnA);
        string? after = null;
        for (var page = 0; page < 3 && (page == 0 || after is not null); page++)
        {
            var query = $"query($after: String) {{ patients(first: 4, after: $after, filter: {{ {filter} }}) {{ {fields} }} }}";
            var compiled = await clinician.PostGraphQLAsync(query, new { after });
            var perRequest = await clinician.PostGraphQLAsync(query.Replace("pageInfo {", "totalCount pageInfo {", StringComparison.Ordinal), new { after });

            Assert.Equal(HttpStatusCode.OK, compiled.Status);
            var expected = PatientsOf(perRequest);
            expected.Remove("totalCount");
            Assert.Equal(expected.ToJsonString(), PatientsOf(compiled).ToJsonString());
            Assert.NotEmpty(expected["edges"]!.AsArray());
            Assert.All(expected["edges"]!.AsArray(), edge => Assert.Equal(PracticeOfA, (string?)edge!["node"]!["practice"]!["code"]));
            after = (string?)expected["pageInfo"]!["endCursor"] is { } cursor && (bool)expected["pageInfo"]!["hasNextPage"]! ? cursor : null;
        }
    }

    /// <summary>
    /// A page that reads its register entries without their codes keeps them for its own patients: the same patients asked for by another
    /// field of the same request after the page (<c>patient(id:)</c>, then another page) are given their entries' codes, as when asked alone.
    /// </summary>
    [SkippableFact]
    public async Task APageReadingItsEntriesWithoutCodes_LeavesTheCodesOfTheSamePatients_ToOtherFieldsOfTheRequest()
    {
        var clinician = hub().AsClinician(GovernanceTests.PcnA);
        const string Filter = "filter: { practice: \"" + PracticeOfA + "\", registers: [HYPERTENSION] }";
        const string Codes = "conditions { register kind snomedCode onsetDate codeList }";
        var page = PatientsOf(await clinician.PostGraphQLAsync("{ patients(first: 3, " + Filter + ") { edges { node { id " + Codes + " } } } }"));
        var id = (string)page["edges"]![0]!["node"]!["id"]!;
        Assert.NotEmpty(page["edges"]![0]!["node"]!["conditions"]!.AsArray());

        var together = await clinician.PostGraphQLAsync("query($id: ID!) { withoutCodes: patients(first: 3, " + Filter + ") { edges { node { id conditions { register onsetDate } } } } "
            + "patient(id: $id) { id " + Codes + " } withCodes: patients(first: 3, " + Filter + ") { edges { node { id " + Codes + " } } } }", new { id });

        var data = JsonNode.Parse(together.Body)!.AsObject();
        Assert.False(data.ContainsKey("errors"), together.Body);
        Assert.Equal(page.ToJsonString(), data["data"]!["withCodes"]!.ToJsonString());
        Assert.Equal(page["edges"]![0]!["node"]!.ToJsonString(), data["data"]!["patient"]!.ToJsonString());
        var withoutCodes = data["data"]!["withoutCodes"]!["edges"]!.AsArray();
        Assert.Equal(page["edges"]!.AsArray().Select(edge => (string?)edge!["node"]!["id"]), withoutCodes.Select(edge => (string?)edge!["node"]!["id"]));
        Assert.Equal(
            page["edges"]!.AsArray().SelectMany(edge => edge!["node"]!["conditions"]!.AsArray().Select(c => ((string?)c!["register"], (string?)c["onsetDate"]))),
            withoutCodes.SelectMany(edge => edge!["node"]!["conditions"]!.AsArray().Select(c => ((string?)c!["register"], (string?)c["onsetDate"]))));
    }

    [SkippableFact]
    public async Task ClinicianOfAnotherPcn_AskingForAPracticeOfPcnA_AfterItsOwnClinician_IsRefusedWithoutPatients()
    {
        const string Page = "{ patients(first: 10, filter: { practice: \"" + PracticeOfA + "\", nationalQuintile: 1 }) { edges { node { id } } } }";

        var own = PatientsOf(await hub().AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(Page));
        var other = await hub().AsClinician(GovernanceTests.PcnB).PostGraphQLAsync(Page);

        Assert.NotEmpty(own["edges"]!.AsArray());
        Assert.Equal([ForbiddenError.ErrorCode], other.ErrorCodes);
        Assert.False(other.Json.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object
            && data.GetProperty("patients").ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [SkippableFact]
    public async Task CliniciansOfTwoPcns_InTurn_EachAskingForTheirOwnPractice_AreEachGivenOnlyTheirOwnPatients()
    {
        var practiceOfB = await FirstPracticeOfAsync(GovernanceTests.PcnB);
        const string Page = "query($practice: String) { patients(first: 10, filter: { practice: $practice, registers: [HYPERTENSION] }) { edges { node { id practice { code pcn { code } } } } } }";

        foreach (var (pcn, practice) in new[] { (GovernanceTests.PcnA, PracticeOfA), (GovernanceTests.PcnB, practiceOfB), (GovernanceTests.PcnA, PracticeOfA) })
        {
            var edges = PatientsOf(await hub().AsClinician(pcn).PostGraphQLAsync(Page, new { practice }))["edges"]!.AsArray();

            Assert.NotEmpty(edges);
            Assert.All(edges, edge => Assert.Equal((practice, pcn), ((string?)edge!["node"]!["practice"]!["code"], (string?)edge["node"]!["practice"]!["pcn"]!["code"])));
        }
    }

    private async Task<string> FirstPracticeOfAsync(string pcn) =>
        (await hub().AsClinician(pcn).PostGraphQLAsync("query($code: String!) { pcn(code: $code) { practices { code } } }", new { code = pcn }))
            .Json.GetProperty("data").GetProperty("pcn").GetProperty("practices").Strings("code").First();

    private static JsonObject PatientsOf(GraphQLResponse response)
    {
        var json = JsonNode.Parse(response.Body)!.AsObject();
        Assert.False(json.ContainsKey("errors"), response.Body);
        return json["data"]!["patients"]!.AsObject();
    }
}
