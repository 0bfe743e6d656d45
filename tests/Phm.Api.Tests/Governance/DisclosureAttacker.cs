using System.Text.Json;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// What an attacker who knows the disclosure rule (README, "Disclosure control") can infer from shown counts. A shown count s
/// of at least 10 comes from a true count in s − 4 … s + 4 (noise of at most 2 either way, then rounding to 5), and at least 8;
/// 0 is exact; a SMALL_COUNT is 1 to 7; a SECONDARY one was shown before it was hidden, so it is at least 8.
/// </summary>
public static class DisclosureAttacker
{
    /// <summary>An upper bound no count here reaches.</summary>
    private const int Unbounded = 10_000_000;

    /// <summary>A count and its suppression reason as a response shows them.</summary>
    public static (int? Count, string? Reason) Shown(JsonElement cell) => (
        cell.GetProperty("patients").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("patients").GetInt32(),
        cell.GetProperty("suppression").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("suppression").GetString());

    /// <summary>The true counts consistent with one shown cell.</summary>
    public static (int Low, int High) Range((int? Count, string? Reason) shown) => shown switch
    {
        (0, _) => (0, 0),
        ({ } count, _) => (Math.Max(8, count - 4), count + 4),
        (null, "SMALL_COUNT") => (1, 7),
        _ => (8, Unbounded),
    };

    /// <summary>
    /// The values of <paramref name="parts"/>[<paramref name="target"/>] consistent with everything shown when a total and
    /// each list of parts add up to it (the lists share only the total; <paramref name="target"/> is in the first list).
    /// </summary>
    public static IReadOnlyList<int> ConsistentValues((int? Count, string? Reason) total, int target, params IReadOnlyList<(int? Count, string? Reason)>[] parts)
    {
        var (targetLow, targetHigh) = Range(parts[0][target]);
        var consistent = new List<int>();
        for (var value = targetLow; value <= Math.Min(targetHigh, 1000); value++)
        {
            var (low, high) = Range(total);
            foreach (var list in parts)
            {
                var ranges = list.Select((p, i) => list == parts[0] && i == target ? (value, value) : Range(p)).ToList();
                low = Math.Max(low, ranges.Sum(r => r.Item1));
                high = (int)Math.Min(high, ranges.Sum(r => (long)r.Item2));
            }
            if (low <= high)
                consistent.Add(value);
        }
        return consistent;
    }
}
