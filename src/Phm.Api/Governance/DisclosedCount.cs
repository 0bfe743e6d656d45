using GraphQL.Types;

namespace Phm.Api.Governance;

/// <summary>
/// A count under disclosure control: exact (kept for the later steps of disclosure control, such as suppressing more cells so
/// that a suppressed one cannot be worked out from the rest; never shown to an analyst) and as shown, null with the reason when
/// suppressed. Percentages and rates are worked out from the counts as shown, at the end.
/// </summary>
public sealed record DisclosedCount(int Exact, int? Shown, SuppressionReason? Suppression)
{
    /// <summary>Every cell of a table as <see cref="Disclosure.Protect{TCell}"/> shows it, with its exact count beside.</summary>
    public static IReadOnlyDictionary<TCell, DisclosedCount> Protect<TCell>(
        IReadOnlyDictionary<TCell, CellCount> cells, IReadOnlyCollection<Margin<TCell>> margins, DisclosureControl control) where TCell : notnull
    {
        var shown = Disclosure.Protect(cells, margins, control);
        return cells.ToDictionary(c => c.Key, c => new DisclosedCount(c.Value.Count, shown[c.Key].Count, shown[c.Key].Suppression));
    }

    /// <summary>This count as a percentage of <paramref name="total"/>, both as shown (<see cref="Disclosure.Percentage"/>).</summary>
    public double? PercentageOf(DisclosedCount total) => Disclosure.Percentage(Shown, total.Shown);

    /// <summary>Per 1,000 of <paramref name="total"/>, to one decimal place, both as shown; null when either is suppressed or the total is 0.</summary>
    public double? RatePerThousandOf(DisclosedCount total) => Shown is { } count && total.Shown is { } of && of > 0
        ? Math.Round(1000.0 * count / of, 1, MidpointRounding.AwayFromZero)
        : null;
}

/// <summary>The fields of a count under disclosure control on an object type: the count as shown, and why it is not.</summary>
public static class DisclosedCountFields
{
    public static void AddDisclosedCount<T>(this ObjectGraphType<T> type, string name, Func<T, DisclosedCount> countOf, string what)
    {
        type.Field<IntGraphType>(name).Description($"{what} {DisclosureDescriptions.Rule}").Resolve(context => countOf(context.Source).Shown);
        type.Field<SuppressionReasonType>("suppression").Description($"Why {name} is null for an analyst: SMALL_COUNT or SECONDARY; null when it is shown.").Resolve(context => countOf(context.Source).Suppression);
    }
}
