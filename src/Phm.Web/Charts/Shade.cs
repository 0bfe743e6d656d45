namespace Phm.Web.Charts;

/// <summary>
/// The app's five-step sequential shading, darkest first (ColorBrewer RdPu), each step with its own pattern, so that a chart
/// or map never carries meaning by colour alone; and the look of a suppressed value, which is never drawn as zero.
/// The pattern lines are white on the two dark steps and dark on the light ones, to stay visible.
/// </summary>
public sealed record Shade(int Step, string Fill, string PatternName, string Ink)
{
    public static IReadOnlyList<Shade> Steps { get; } =
    [
        new(1, "#7a0177", "crosshatch", "#ffffff"),
        new(2, "#c51b8a", "diagonal", "#ffffff"),
        new(3, "#f768a1", "dots", "#212b32"),
        new(4, "#fbb4b9", "horizontal", "#212b32"),
        new(5, "#feebe2", "plain", "#212b32"),
    ];

    /// <summary>Step 1 (darkest) to 5 (lightest).</summary>
    public static Shade Of(int step) => Steps[Math.Clamp(step, 1, Steps.Count) - 1];

    /// <summary>The id of this step's pattern in a chart whose patterns were drawn with <paramref name="prefix"/>.</summary>
    public string PatternId(string prefix) => $"{prefix}-{PatternName}";

    /// <summary>The look of a suppressed value: pale grey, hatched the other way, always labelled "suppressed" in words.</summary>
    public static Shade Suppressed { get; } = new(0, "#dde1e3", "suppressed", "#212b32");
}
