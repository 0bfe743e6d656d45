namespace Phm.Api.Tests;

/// <summary>The PCNs the governance specifications use as "own" and "another" PCN.</summary>
public static class GovernanceTests
{
    /// <summary>Southampton Bitterne PCN.</summary>
    public const string PcnA = "U97340";

    /// <summary>Southampton West PCN.</summary>
    public const string PcnB = "U47004";

    /// <summary>The ids of some patients of <paramref name="pcnCode"/>, as its clinician sees them.</summary>
    public static async Task<IReadOnlyList<string>> PatientIdsOfAsync(PhmApiFactory hub, string pcnCode, int count = 20)
    {
        var response = await hub.AsClinician(pcnCode, subject: "fixture").PostGraphQLAsync(
            "query($first: Int) { patients(first: $first) { items { id } } }", new { first = count });
        return response.Json.GetProperty("data").GetProperty("patients").GetProperty("items").Strings("id").ToList();
    }
}
