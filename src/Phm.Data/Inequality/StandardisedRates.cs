namespace Phm.Data.Inequality;

/// <summary>The events and population of one age band, with the band's weight in the standard population.</summary>
public readonly record struct AgeBandCount(int Events, double Population, double Weight);

/// <summary>
/// Directly age-standardised rates by the Dobson method with Byar's limits, as PHEindicatormethods v2.1.0's
/// <c>calculate_dsr</c> (<c>R/DSR.R</c>; domain reference §6).
/// </summary>
public static class StandardisedRates
{
    /// <summary>Below this many events in all the bands the rate is not given (PHEindicatormethods returns NA).</summary>
    public const int FewestEvents = 10;

    /// <summary>
    /// DSR = Σ(xᵢwᵢ/nᵢ)/Σwᵢ × m, with var = Σxᵢ(wᵢ/nᵢ)²/(Σwᵢ)² and, for O = Σxᵢ, limits DSR + √(var/O)(Byar(O) − O) × m.
    /// A band with no population contributes no events but keeps its weight in Σwᵢ (it must then have no events).
    /// Null when there are fewer than <see cref="FewestEvents"/> events.
    /// </summary>
    public static Estimate? Rate(IReadOnlyList<AgeBandCount> bands, double multiplier)
    {
        var events = bands.Sum(b => b.Events);
        if (events < FewestEvents)
            return null;
        if (bands.FirstOrDefault(b => b.Population <= 0 && b.Events > 0) is { Events: > 0 } impossible)
            throw new ArgumentException($"A band has {impossible.Events} events but no population.", nameof(bands));
        var totalWeight = bands.Sum(b => b.Weight);
        var populated = bands.Where(b => b.Population > 0).ToList();
        var rate = populated.Sum(b => b.Events * b.Weight / b.Population) / totalWeight;
        var variance = populated.Sum(b => b.Events * Math.Pow(b.Weight / b.Population, 2)) / (totalWeight * totalWeight);
        var scale = Math.Sqrt(variance / events);
        var (lower, upper) = CrudeRates.ByarLimits(events);
        return new Estimate(rate * multiplier, (rate + scale * (lower - events)) * multiplier, (rate + scale * (upper - events)) * multiplier);
    }
}
