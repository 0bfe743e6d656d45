namespace Phm.Data.Population;

/// <summary>A value that varies with age, interpolated linearly between knots and held flat beyond the ends.</summary>
internal sealed class AgeCurve
{
    private readonly (double Age, double Value)[] _knots;

    public AgeCurve(params (double Age, double Value)[] knots)
    {
        if (knots.Length == 0)
            throw new ArgumentException("An age curve needs at least one knot.", nameof(knots));
        _knots = [.. knots.OrderBy(k => k.Age)];
    }

    public double At(double age)
    {
        if (age <= _knots[0].Age)
            return _knots[0].Value;
        for (var i = 1; i < _knots.Length; i++)
        {
            if (age <= _knots[i].Age)
            {
                var (a0, v0) = _knots[i - 1];
                var (a1, v1) = _knots[i];
                return v0 + (age - a0) * (v1 - v0) / (a1 - a0);
            }
        }

        return _knots[^1].Value;
    }
}
