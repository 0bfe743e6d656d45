using System.Globalization;

namespace Phm.Web.Shared;

/// <summary>How the app writes the hub's values for people: words, not enum names; British dates; numbers in the invariant form.</summary>
public static class Display
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>AGE_18_TO_44 as "18–44", AGE_85_AND_OVER as "85+".</summary>
    public static string AgeBand(string? band) => band switch
    {
        null => "–",
        _ when band.EndsWith("_AND_OVER", StringComparison.Ordinal) => band["AGE_".Length..^"_AND_OVER".Length] + "+",
        _ => band["AGE_".Length..].Replace("_TO_", "–", StringComparison.Ordinal),
    };

    /// <summary>An enum value of the hub in words: VERY_HIGH as "Very high", STROKE_TIA as "Stroke tia" unless named here.</summary>
    public static string Words(string? value) => value switch
    {
        null => "–",
        "COPD" => "COPD",
        "STROKE_TIA" => "Stroke or TIA",
        "AE_ATTENDANCE" => "A&E attendance",
        "NHS_111_CALL" => "NHS 111 call",
        "GP_APPOINTMENT" => "GP appointment",
        _ => char.ToUpperInvariant(value[0]) + value[1..].ToLowerInvariant().Replace('_', ' '),
    };

    /// <summary>The hub's words for a measure ("patients on the diabetes register …") starting a sentence or a title.</summary>
    public static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Probability(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Count(int? value) => value is { } v ? v.ToString("N0", British) : "–";

    public static string Date(DateTimeOffset? value) => value is { } v ? v.ToLocalTime().ToString("d MMM yyyy HH:mm", British) : "–";

    public static string Date(DateOnly? value) => value is { } v ? v.ToString("d MMM yyyy", British) : "–";

    /// <summary>Quintile 1 is the most deprived: said so, since a bare number reads either way.</summary>
    public static string Quintile(int? quintile) => quintile switch
    {
        null => "–",
        1 => "1 (most deprived)",
        5 => "5 (least deprived)",
        _ => quintile.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The CSS class that repeats a tier's words in colour (never alone).</summary>
    public static string TierClass(string? tier) => tier switch
    {
        "VERY_HIGH" => "tier tier--high",
        "HIGH" => "tier tier--rising",
        "MODERATE" => "tier tier--moderate",
        "LOW" => "tier tier--low",
        _ => "tier",
    };

    /// <summary>A suppression reason in words, for a cell disclosure control withheld (never shown as zero).</summary>
    public static string Suppressed(string? reason) => reason switch
    {
        "SMALL_COUNT" => "suppressed (fewer than 8)",
        "SECONDARY" => "suppressed (would reveal another)",
        _ => "suppressed",
    };
}
