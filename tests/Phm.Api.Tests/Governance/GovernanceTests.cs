namespace Phm.Api.Tests;

/// <summary>The PCNs the governance specifications use as "own" and "another" PCN.</summary>
public static class GovernanceTests
{
    /// <summary>Southampton Bitterne PCN.</summary>
    public const string PcnA = "U97340";

    /// <summary>Southampton West PCN.</summary>
    public const string PcnB = "U47004";

    /// <summary>The id of a patient of <paramref name="pcnCode"/>, as its clinician sees them.</summary>
    public static async Task<string> FirstPatientIdOfAsync(PhmApiFactory hub, string pcnCode)
    {
        var response = await hub.AsClinician(pcnCode, subject: "fixture").PostGraphQLAsync("{ patients(first: 1) { items { id } } }");
        return response.Json.GetProperty("data").GetProperty("patients").GetProperty("items").Strings("id").Single();
    }
}
