using System.Globalization;
using Phm.Web.Shared;

namespace Phm.Web.Charts;

/// <summary>How the analyst views write figures: a fixed number of decimals, a count or why it is withheld, SVG coordinates.</summary>
public static class Figures
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Number(double? value, int places = 1) => value?.ToString("N" + places, British) ?? "";

    /// <summary>A count, or why it is not shown.</summary>
    public static string CountOrSuppressed(int? value, string? suppression) =>
        suppression is not null ? Display.Suppressed(suppression) : value is null ? "not available" : Display.Count(value);

    /// <summary>The SVG coordinate form of a number: invariant, one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
