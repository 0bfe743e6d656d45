using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Phm.Api.Governance;
using Phm.Data.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>Patient-level reads leave audit events that administrators read through GraphQL, even when the request fails.</summary>
[Collection(HubCollection.Name)]
public sealed class AuditTrailTests(PhmApiFactory hub)
{
    private const string AuditQuery = "{ auditEvents(first: 500) { edges { node { at subject role pcnCode operationName field queryHash patientsReturned cohortId } } } }";

    [Fact]
    public async Task PatientsRead_ByAClinician_IsRecordedWithWhoWhatAndHowMany()
    {
        const string query = "query FirstFive { patients(first: 5) { items { id } } }";
        await hub.AsClinician(GovernanceTests.PcnA, subject: "audit-read").PostGraphQLAsync(query);

        var auditEvent = Assert.Single(await EventsOfAsync("audit-read"));

        Assert.Equal(PhmRoles.Clinician, auditEvent.GetProperty("role").GetString());
        Assert.Equal(GovernanceTests.PcnA, auditEvent.GetProperty("pcnCode").GetString());
        Assert.Equal("FirstFive", auditEvent.GetProperty("operationName").GetString());
        Assert.Equal("patients", auditEvent.GetProperty("field").GetString());
        Assert.Equal(5, auditEvent.GetProperty("patientsReturned").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query))), auditEvent.GetProperty("queryHash").GetString());
        Assert.Equal(JsonValueKind.Null, auditEvent.GetProperty("cohortId").ValueKind);
    }

    [Fact]
    public async Task PatientsRead_InARequestThatThenFails_AreStillRecorded()
    {
        var patientOfB = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnB);

        var response = await hub.AsClinician(GovernanceTests.PcnA, subject: "audit-failing").PostGraphQLAsync(
            "query($id: ID!) { patients(first: 3) { items { id } } patient(id: $id) { id } }", new { id = patientOfB });

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        var events = await EventsOfAsync("audit-failing");
        Assert.Equal([("patient", 0), ("patients", 3)],
            events.Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("patientsReturned").GetInt32())).Order());
    }

    [Fact]
    public async Task RiskScoresRead_ThroughThePatientsTheyBelongTo_AreRecordedAsThoseReads()
    {
        var patientOfA = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnA);

        await hub.AsClinician(GovernanceTests.PcnA, subject: "audit-risk").PostGraphQLAsync("""
            query HighestRisk($id: ID!) {
              patients(first: 4, orderBy: RISK_DESC, filter: { risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH] } }) {
                items { id risk(model: "emergency-admission-12m") { probability contributions { words } } }
              }
              patient(id: $id) { risk(model: "mortality-12m") { tier } }
            }
            """, new { id = patientOfA });

        var events = await EventsOfAsync("audit-risk");
        Assert.Equal([("patient", 1), ("patients", 4)],
            events.Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("patientsReturned").GetInt32())).Order());
        Assert.All(events, e => Assert.Equal("HighestRisk", e.GetProperty("operationName").GetString()));
    }

    [Fact]
    public async Task RiskAggregates_ReadNoPatientAndRecordNothing()
    {
        await hub.AsAnalyst(subject: "audit-risk-aggregates").PostGraphQLAsync(
            """{ riskModels { name } riskDistribution(model: "emergency-admission-12m", groupBy: PRACTICE) { patients } }""");

        Assert.Empty(await EventsOfAsync("audit-risk-aggregates"));
    }

    [Fact]
    public async Task RefusedRequest_ReadsNothingAndRecordsNothing()
    {
        await hub.AsAnalyst(subject: "audit-refused").PostGraphQLAsync("{ patients { totalCount } }");

        Assert.Empty(await EventsOfAsync("audit-refused"));
    }

    [Fact]
    public async Task AuditPage_OutOfRange_IsRefusedNamingAuditEvents()
    {
        var response = await hub.AsAdmin().PostGraphQLAsync("{ auditEvents(first: 501) { edges { cursor } } }");

        Assert.Equal("Argument 'first' is invalid: a page holds 0 to 500 auditEvents, not 501.", response.ErrorMessage);
    }

    [Fact]
    public async Task CohortMutations_AreRecordedWithWhoWhenWhichMutationAndTheVersionTheyWroteOrEvaluated()
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnA, subject: "audit-cohorts");
        var first = (await clinician.PostGraphQLAsync("""mutation Save { saveCohort(input: { name: "Audit: changes", criteria: { alive: true } }) { id definitionId } }"""))
            .Json.GetProperty("data").GetProperty("saveCohort");
        var id = first.GetProperty("id").GetString();
        var second = (await clinician.PostGraphQLAsync("""mutation($id: ID!) { reviseCohort(id: $id, input: { name: "Audit: changes", criteria: { alive: false } }) { definitionId } }""", new { id }))
            .Json.GetProperty("data").GetProperty("reviseCohort").GetProperty("definitionId").GetInt32();
        await clinician.PostGraphQLAsync("""mutation($id: ID!) { evaluateSavedCohort(id: $id) { count } }""", new { id });
        await clinician.PostGraphQLAsync("""mutation($id: ID!) { retireCohort(id: $id) { version } }""", new { id });
        // Refused (retired): nothing changed, nothing recorded.
        await clinician.PostGraphQLAsync("""mutation($id: ID!) { reviseCohort(id: $id, input: { name: "again", criteria: { alive: true } }) { version } }""", new { id });

        var events = (await EventsOfAsync("audit-cohorts")).Reverse().ToList();

        Assert.Equal(
            [("saveCohort", first.GetProperty("definitionId").GetInt32()), ("reviseCohort", second), ("evaluateSavedCohort", second), ("retireCohort", second)],
            events.Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("cohortId").GetInt32())));
        Assert.All(events, e => Assert.Equal((PhmRoles.Clinician, GovernanceTests.PcnA, 0), (e.GetProperty("role").GetString(), e.GetProperty("pcnCode").GetString(), e.GetProperty("patientsReturned").GetInt32())));
        Assert.Equal("Save", events[0].GetProperty("operationName").GetString());
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.GetProperty("at").GetDateTimeOffset() <= pair.Second.GetProperty("at").GetDateTimeOffset()));
    }

    [Fact]
    public async Task AuditTrail_HasNoMutations_TheOnlyOnesChangeSavedCohorts()
    {
        await using var open = hub.WithSettings(PhmApiFactory.IntrospectionOn);

        var response = await PhmApiFactory.PostGraphQLAsync(open, new { query = "{ __schema { mutationType { fields { name } } } }" }, hub.AsAdmin().BearerToken);

        Assert.Equal(["evaluateSavedCohort", "retireCohort", "reviseCohort", "saveCohort"],
            response.Json.GetProperty("data").GetProperty("__schema").GetProperty("mutationType").GetProperty("fields").Strings("name").Order(StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<JsonElement>> EventsOfAsync(string subject)
    {
        await hub.FlushAuditAsync();
        var response = await hub.AsAdmin().PostGraphQLAsync(AuditQuery);
        return [.. response.Json.GetProperty("data").GetProperty("auditEvents").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node")).Where(n => n.GetProperty("subject").GetString() == subject)];
    }
}
