using System.Text.Encodings.Web;
using System.Text.Json;

namespace Phm.Ml.Scoring;

/// <summary>
/// The stored form of a score's top contributions (<see cref="Data.Risk.RiskScore.Contributions"/>): compact camelCase JSON,
/// largest first, each contribution rounded to 4 decimals, e.g.
/// <c>[{"feature":"emergency_admission_12m","words":"3 emergency admissions in the last 12 months","contribution":0.4123}]</c>.
/// </summary>
public static class ContributionsJson
{
    public const int Decimals = 4;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Read back by the hub, never embedded in HTML: "A&E" and "patient's" as written, and a third shorter.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(IEnumerable<FeatureContribution> contributions) =>
        JsonSerializer.Serialize(contributions.Select(c => c with { Contribution = Rounded(c.Contribution) }), Options);

    public static IReadOnlyList<FeatureContribution> Read(string json) =>
        JsonSerializer.Deserialize<List<FeatureContribution>>(json, Options) ?? throw new JsonException("Contributions are null.");

    /// <summary>Adding 0.0 turns a rounded −0 into 0, which would otherwise be written "-0".</summary>
    private static double Rounded(double contribution) => Math.Round(contribution, Decimals, MidpointRounding.AwayFromZero) + 0.0;
}
