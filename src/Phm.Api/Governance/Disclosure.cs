using System.Security.Claims;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

/// <summary>How exactly a count of patients may be shown to the caller.</summary>
public enum DisclosureControl
{
    /// <summary>Exact counts: a clinician's own PCN (direct care) and administrators.</summary>
    Exact,

    /// <summary>Analysts: counts perturbed by their cell key, small numbers suppressed and the rest rounded (see <see cref="Disclosure"/>).</summary>
    SmallNumberSuppression,
}

/// <summary>Why a count is not shown.</summary>
public enum SuppressionReason
{
    /// <summary>1 to 7 patients (or events).</summary>
    SmallCount,

    /// <summary>Hidden beside a small count, so that the small count cannot be worked out from a total and the other counts.</summary>
    Secondary,
}

/// <summary>
/// The exact count of a cell of a table and the sum of its members' record keys (<see cref="PatientRecordKey.Of"/>; a patient
/// counted twice, as for events, adds its key twice). Cells add up: a quintile's cell is the sum of its LSOAs' cells.
/// </summary>
public readonly record struct CellCount(int Count, long KeySum)
{
    public static readonly CellCount Empty = new(0, 0);

    public static CellCount operator +(CellCount left, CellCount right) => new(left.Count + right.Count, left.KeySum + right.KeySum);

    /// <summary>The cell of patients whose ids are already in memory.</summary>
    public static CellCount Of(IReadOnlyCollection<int> patientIds) => new(patientIds.Count, patientIds.Sum(PatientRecordKey.OfId));

    /// <summary>The cell key: the sum of the members' record keys modulo <see cref="Disclosure.RecordKeys"/>.</summary>
    public int Key => (int)(KeySum % Disclosure.RecordKeys);
}

/// <summary>A count as shown: the number, or null with the reason.</summary>
public readonly record struct ShownCount(int? Count, SuppressionReason? Suppression)
{
    public static ShownCount Suppressed(SuppressionReason reason) => new(null, reason);
}

/// <summary>A total and the cells that add up to it (a row or column of a table with its margin).</summary>
public sealed record Margin<TCell>(TCell Total, IReadOnlyList<TCell> Parts);

/// <summary>
/// The hub's one disclosure rule for what analysts see, after NHS England's HES/ECDS rule, OpenSAFELY's and the ONS cell-key
/// method of the 2021 Census (README, "Disclosure control"; domain reference §7). Each cell of a table:
/// <list type="number">
/// <item>0 is shown as 0;</item>
/// <item>1 to 7 are suppressed (<see cref="SuppressionReason.SmallCount"/>);</item>
/// <item>any other count is perturbed by its cell key (<see cref="Perturbed"/>: a small, fixed noise that the same members always
/// get), kept at 8 or more, and rounded to the nearest 5;</item>
/// <item>where a total and its parts are shown together (<see cref="Margin{TCell}"/>), no total-and-parts relation may have exactly
/// one suppressed cell: the smallest other non-zero part (else the total) is suppressed too (<see cref="SuppressionReason.Secondary"/>),
/// until none has.</item>
/// </list>
/// Totals are cells of their own, perturbed and rounded from their exact count; percentages are computed from the shown counts.
/// So a suppressed cell cannot be recovered from its neighbours, and two queries whose cells differ by a patient differ by noise.
/// </summary>
public static class Disclosure
{
    public const int LargestSuppressedCount = 7;
    public const int RoundingBase = 5;

    /// <summary>Record keys run from 0 to 255, as in the ONS method; a cell key is their sum modulo 256.</summary>
    public const int RecordKeys = PatientRecordKey.Range;

    public static DisclosureControl For(ClaimsPrincipal? user) =>
        PhmRoles.RoleOf(user) == PhmRoles.Analyst ? DisclosureControl.SmallNumberSuppression : DisclosureControl.Exact;

    /// <summary>
    /// The shown cells of a table: each cell by the rule, then secondary suppression over <paramref name="margins"/> (a cell in
    /// none is shown by the rule alone). Exact control shows every cell as it is.
    /// </summary>
    public static IReadOnlyDictionary<TCell, ShownCount> Protect<TCell>(
        IReadOnlyDictionary<TCell, CellCount> cells, IReadOnlyCollection<Margin<TCell>> margins, DisclosureControl control) where TCell : notnull
    {
        var shown = cells.ToDictionary(c => c.Key, c => Count(c.Value, control));
        if (control == DisclosureControl.Exact)
            return shown;
        bool suppressedMore;
        do
        {
            suppressedMore = false;
            foreach (var margin in margins)
            {
                var members = margin.Parts.Prepend(margin.Total).ToList();
                if (members.Count(m => shown[m].Count is null) != 1)
                    continue;
                var complement = margin.Parts
                    .Where(p => shown[p].Count is > 0)
                    .OrderBy(p => cells[p].Count)
                    .Select(p => (Found: true, Cell: p))
                    .FirstOrDefault();
                var cell = complement.Found ? complement.Cell : margin.Total;
                if (shown[cell].Count is null)
                    continue;
                shown[cell] = ShownCount.Suppressed(SuppressionReason.Secondary);
                suppressedMore = true;
            }
        }
        while (suppressedMore);
        return shown;
    }

    /// <summary>One cell as the rule shows it, before secondary suppression.</summary>
    public static ShownCount Count(CellCount cell, DisclosureControl control) => control switch
    {
        DisclosureControl.Exact => new(cell.Count, null),
        _ when cell.Count == 0 => new(0, null),
        _ when cell.Count <= LargestSuppressedCount => ShownCount.Suppressed(SuppressionReason.SmallCount),
        _ => new(Round(Math.Max(Perturbed(cell), LargestSuppressedCount + 1)), null),
    };

    /// <summary>
    /// The threshold and rounding alone, for a count that is no cell of a table and that no narrower query can be set against
    /// (a whole-store total such as the patients a model scored). Every cell of a table goes through <see cref="Protect{TCell}"/>.
    /// </summary>
    public static int? Count(int patients, DisclosureControl control) => control switch
    {
        DisclosureControl.Exact => patients,
        _ when patients == 0 => 0,
        _ when patients <= LargestSuppressedCount => null,
        _ => Round(patients),
    };

    /// <summary>
    /// The count plus the perturbation its cell key draws from <see cref="CellKeyPerturbation"/>: 0 stays 0 and any other count
    /// stays above 0. Rates shown to analysts are computed from perturbed counts, so they too differ by noise where two queries'
    /// cells differ by a patient.
    /// </summary>
    public static int Perturbed(CellCount cell) =>
        cell.Count == 0 ? 0 : Math.Max(1, cell.Count + CellKeyPerturbation.Of(cell.Count, cell.Key));

    /// <summary>A count that goes into a rate without being shown (an age band's, say): perturbed under disclosure control, exact otherwise.</summary>
    public static int RateInput(CellCount cell, DisclosureControl control) => control == DisclosureControl.Exact ? cell.Count : Perturbed(cell);

    /// <summary>The shown count as a percentage of the shown total, to one decimal place; null when either is suppressed.</summary>
    public static double? Percentage(int? shownPatients, int? shownTotal) =>
        shownPatients is not { } patients || shownTotal is not { } total ? null
        : total == 0 ? 0
        : Math.Round(100.0 * patients / total, 1, MidpointRounding.AwayFromZero);

    private static int Round(int count) => RoundingBase * (int)Math.Round((double)count / RoundingBase, MidpointRounding.AwayFromZero);
}
