using System.Globalization;

namespace Phm.Web.Charts;

/// <summary>How the analyst views write numbers: British thousands separators, a fixed number of decimals, and words for what is missing.</summary>
public static class Figures
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Count(int? value) => value?.ToString("N0", British) ?? "";

    public static string Number(double? value, int places = 1) => value?.ToString("N" + places, British) ?? "";

    /// <summary>Words for a count the hub withheld: never a zero, never a blank.</summary>
    public static string Suppressed(string? reason) => reason switch
    {
        "SMALL_COUNT" => "suppressed (1 to 7)",
        "SECONDARY" => "suppressed (would reveal a small count)",
        _ => "suppressed",
    };

    /// <summary>A count, or why it is not shown.</summary>
    public static string CountOrSuppressed(int? value, string? suppression) =>
        suppression is not null ? Suppressed(suppression) : value is null ? "not available" : Count(value);

    /// <summary>The SVG coordinate form of a number: invariant, one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
