using System.Globalization;

namespace Phm.Data.Cohorts;

/// <summary>
/// A span of dates for a predicate: either the last <see cref="LastMonths"/> months up to and including the reference date, or
/// the dates <see cref="From"/> to <see cref="To"/>, both inclusive (an open end runs to the start of the records or to the
/// reference date).
/// </summary>
public sealed record CriteriaWindow(int? LastMonths = null, DateOnly? From = null, DateOnly? To = null)
{
    public static CriteriaWindow Months(int months) => new(LastMonths: months);

    /// <summary>The first and last day of the window at <paramref name="referenceDate"/>, both inclusive.</summary>
    public (DateOnly? From, DateOnly To) On(DateOnly referenceDate) => LastMonths is { } months
        ? (referenceDate.AddMonths(-months).AddDays(1), referenceDate)
        : (From, To is { } to && to < referenceDate ? to : referenceDate);

    /// <summary>e.g. "in the last 12 months", "from 2020-01-01 to 2020-12-31".</summary>
    public string Words() => LastMonths is { } months
        ? $"in the last {months} month{(months == 1 ? "" : "s")}"
        : (From, To) switch
        {
            ({ } from, { } to) => $"from {Iso(from)} to {Iso(to)}",
            ({ } from, null) => $"since {Iso(from)}",
            (null, { } to) => $"up to {Iso(to)}",
            _ => "at any time",
        };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
