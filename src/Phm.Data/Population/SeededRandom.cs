namespace Phm.Data.Population;

/// <summary>
/// Independent, reproducible random streams: one per (seed, purpose, patient), so a patient's draws do not depend on
/// how many draws other patients took, and the same seed always gives the same population. Each stream is SplitMix64 on
/// 64 bits of state: <see cref="Random"/>'s own seeds are 32-bit, and a city's worth of streams would collide.
/// </summary>
internal sealed class SeededRandom : Random
{
    private ulong _state;

    private SeededRandom(ulong state) => _state = state;

    public static Random For(int seed, RandomStream stream, long index) =>
        new SeededRandom(Mix(Mix((ulong)(uint)seed) ^ ((ulong)stream << 56)) ^ (ulong)index);

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue) => Next(0, maxValue);

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)(NextDouble() * ((long)maxValue - minValue));
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i += 8)
        {
            var value = NextUInt64();
            for (var j = 0; j < 8 && i + j < buffer.Length; j++)
                buffer[i + j] = (byte)(value >> (8 * j));
        }
    }

    private ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>SplitMix64's finaliser: spreads nearby inputs across the whole range.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

internal enum RandomStream
{
    Demography = 1,
    Registers = 2,
    Mortality = 3,
    Activity = 4,
    CareFlags = 5,
    Codes = 6,
    Diagnoses = 7,
}
