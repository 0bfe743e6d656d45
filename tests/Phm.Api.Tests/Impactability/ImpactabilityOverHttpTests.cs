using System.Net;

namespace Phm.Api.Tests.Impactability;

/// <summary><c>Patient.impactability</c> end to end: HTTP, a clinician's PCN of the generated population with <see cref="TestRiskScores"/>.</summary>
[Collection(HubCollection.Name)]
public sealed class ImpactabilityOverHttpTests(PhmApiFactory hub)
{
    [Fact]
    public async Task APcnsLivingPatients_HaveTheAcscSignal_ExactlyWhenTheyHadAnAcscAdmissionInTheYear_AndTheRiskSignalsToo()
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""
            {
              patients(first: 500, filter: { alive: true }) {
                items { id impactability { signal words } activity(kind: EMERGENCY_ADMISSION, from: "2020-01-02") { primaryDiagnosis ambulatoryCareSensitive } }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var patients = response.Json.GetProperty("data").GetProperty("patients").GetProperty("items").EnumerateArray().Select(p => (
            Signals: p.GetProperty("impactability").EnumerateArray().Select(s => (Signal: s.GetProperty("signal").GetString()!, Words: s.GetProperty("words").GetString()!)).ToList(),
            AcscAdmissions: p.GetProperty("activity").EnumerateArray().Count(a => a.GetProperty("ambulatoryCareSensitive").GetBoolean()))).ToList();
        var signals = patients.SelectMany(p => p.Signals).ToList();

        Assert.All(patients, p => Assert.Equal(p.AcscAdmissions > 0, p.Signals.Exists(s => s.Signal == "AMBULATORY_CARE_SENSITIVE_ADMISSIONS")));
        Assert.Contains(signals, s => s.Signal == "AMBULATORY_CARE_SENSITIVE_ADMISSIONS" && s.Words.EndsWith(')'));
        Assert.Contains(signals, s => s.Signal == "TOP_RISK_WITHOUT_CARE_PLAN");
        Assert.Contains(signals, s => s.Signal == "LAST_YEAR_OF_LIFE_WITHOUT_END_OF_LIFE_REGISTER" && s.Words.Contains("mortality-12m", StringComparison.Ordinal));
        Assert.Contains(signals, s => s.Signal == "FREQUENT_URGENT_CARE_WITHOUT_REVIEW");
    }
}
