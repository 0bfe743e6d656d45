namespace Phm.Web.Charts;

/// <summary>A value axis from zero with round ticks (1, 2 or 5 times a power of ten), about five of them.</summary>
public sealed record Axis(double Max, IReadOnlyList<double> Ticks)
{
    private static readonly int[] Multiples = [1, 2, 5, 10];

    public static Axis FromZeroTo(double largest)
    {
        if (!(largest > 0))
            return new Axis(1, [0, 0.5, 1]);
        var rough = largest / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = Multiples.Select(m => m * power).First(s => s >= rough);
        var max = Math.Ceiling(largest / step) * step;
        var ticks = Enumerable.Range(0, (int)Math.Round(max / step) + 1).Select(i => i * step).ToList();
        return new Axis(max, ticks);
    }

    /// <summary>Where <paramref name="value"/> falls on an axis drawn from <paramref name="bottom"/> up to <paramref name="top"/>.</summary>
    public double Place(double value, double bottom, double top) => bottom - (value / Max) * (bottom - top);
}
