using System.Globalization;
using Microsoft.AspNetCore.Http;
using Phm.Web.Shared;
using Phm.Web.Vocabulary;

namespace Phm.Web.Worklists;

/// <summary>
/// Which of a worklist's members to show, as the hub filters them (<c>evaluate(filter:, enteredSince:)</c>, so paging, counts and
/// the CSV are of the filtered members, never a page filtered in the browser). Each choice is one predicate of the criteria
/// language; the choices together are all of them.
/// </summary>
public sealed class WorklistFilter
{
    /// <summary>A practice's ODS code, or empty for every practice.</summary>
    public string Practice { get; set; } = "";

    public HashSet<string> Tiers { get; init; } = [];

    public HashSet<string> NationalQuintiles { get; init; } = [];

    public HashSet<string> LocalQuintiles { get; init; } = [];

    /// <summary>One of the hub's age bands (AGE_18_TO_44), or empty for every age.</summary>
    public string AgeBand { get; set; } = "";

    /// <summary>When the last review was recorded, to show only who entered since; null for everyone.</summary>
    public DateTimeOffset? EnteredSince { get; set; }

    public bool IsEmpty => Criteria is null && EnteredSince is null;

    /// <summary>The <c>filter</c> variable: the chosen predicates under all, or null when none is chosen.</summary>
    public object? Criteria
    {
        get
        {
            var predicates = new List<object>();
            if (Practice.Length > 0)
                predicates.Add(new { practice = Practice });
            if (Tiers.Count > 0)
                predicates.Add(new { risk = new { model = MemberOrders.AdmissionModel, tiers = Ordered(Tiers, HubWords.RiskTiers) } });
            if (NationalQuintiles.Count > 0)
                predicates.Add(new { nationalQuintiles = Quintiles(NationalQuintiles) });
            if (LocalQuintiles.Count > 0)
                predicates.Add(new { localQuintiles = Quintiles(LocalQuintiles) });
            if (AgeRange(AgeBand) is { } age)
                predicates.Add(new { age });
            return predicates.Count == 0 ? null : new { all = predicates };
        }
    }

    /// <summary>The filter in words for the table's caption, e.g. "very high or high risk, national quintile 1".</summary>
    public string Words(IReadOnlyList<KeyValuePair<string, string>> practices)
    {
        var parts = new List<string>();
        if (Practice.Length > 0)
            parts.Add("at " + practices.Describe(Practice));
        if (Tiers.Count > 0)
            parts.Add(string.Join(" or ", Ordered(Tiers, HubWords.RiskTiers).Select(t => HubWords.RiskTiers.Describe(t).ToLowerInvariant())) + " risk");
        if (NationalQuintiles.Count > 0)
            parts.Add("national quintile " + string.Join(" or ", Quintiles(NationalQuintiles)));
        if (LocalQuintiles.Count > 0)
            parts.Add("local quintile " + string.Join(" or ", Quintiles(LocalQuintiles)));
        if (AgeBand.Length > 0)
            parts.Add("aged " + Display.AgeBand(AgeBand));
        if (EnteredSince is { } since)
            parts.Add("entered since the review of " + Display.Date(since));
        return string.Join(", ", parts);
    }

    /// <summary>The filter as the CSV link's query string (after orderBy), read back by <see cref="FromQuery"/>.</summary>
    public string ToQuery()
    {
        var query = new List<string>();
        if (Practice.Length > 0)
            query.Add("practice=" + Uri.EscapeDataString(Practice));
        query.AddRange(Ordered(Tiers, HubWords.RiskTiers).Select(t => "tier=" + Uri.EscapeDataString(t)));
        query.AddRange(Quintiles(NationalQuintiles).Select(q => "national=" + q.ToString(CultureInfo.InvariantCulture)));
        query.AddRange(Quintiles(LocalQuintiles).Select(q => "local=" + q.ToString(CultureInfo.InvariantCulture)));
        if (AgeBand.Length > 0)
            query.Add("age=" + Uri.EscapeDataString(AgeBand));
        if (EnteredSince is { } since)
            query.Add("enteredSince=" + Uri.EscapeDataString(since.ToString("o", CultureInfo.InvariantCulture)));
        return string.Concat(query.Select(q => "&" + q));
    }

    /// <summary>The filter from a CSV link (values outside the vocabularies are left out; the hub checks the practice and the age band is one of its own).</summary>
    public static WorklistFilter FromQuery(IQueryCollection query) => new()
    {
        Practice = query["practice"].ToString(),
        Tiers = [.. query["tier"].OfType<string>()],
        NationalQuintiles = [.. query["national"].OfType<string>()],
        LocalQuintiles = [.. query["local"].OfType<string>()],
        AgeBand = HubWords.AgeBands.Any(b => b.Key == query["age"].ToString()) ? query["age"].ToString() : "",
        EnteredSince = DateTimeOffset.TryParse(query["enteredSince"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since) ? since : null,
    };

    /// <summary>"AGE_18_TO_44" as 18 to 44, "AGE_85_AND_OVER" as 85 and over (the hub's bands, whole years at the reference date).</summary>
    internal static object? AgeRange(string band)
    {
        if (!band.StartsWith("AGE_", StringComparison.Ordinal))
            return null;
        var ends = band["AGE_".Length..].Replace("_AND_OVER", "", StringComparison.Ordinal).Split("_TO_");
        return ends.Length == 2
            ? new { atLeast = int.Parse(ends[0], CultureInfo.InvariantCulture), atMost = (int?)int.Parse(ends[1], CultureInfo.InvariantCulture) }
            : new { atLeast = int.Parse(ends[0], CultureInfo.InvariantCulture), atMost = (int?)null };
    }

    private static List<string> Ordered(HashSet<string> chosen, IReadOnlyList<KeyValuePair<string, string>> vocabulary) =>
        [.. vocabulary.Select(v => v.Key).Where(chosen.Contains)];

    private static List<int> Quintiles(HashSet<string> chosen) =>
        [.. chosen.Select(q => int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n is >= 1 and <= 5).Order()];
}
