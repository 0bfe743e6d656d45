using Phm.Api.Governance;
using Phm.Data.Store;

namespace Phm.Api.Practices;

/// <summary>One PCN's or practice's table of shown counts.</summary>
public sealed record OrganisationTable<TCell>(string Code, string Name, IReadOnlyDictionary<TCell, ShownCount> Cells) where TCell : notnull;

/// <summary>
/// Shows an aggregate that is counted by practice as a table per PCN or per practice. Under disclosure control the tables of
/// every practice and every PCN are protected together, as one table in which each PCN's cell is the sum of its practices'
/// cells, so that asking by PCN and asking by practice suppress consistently: a practice's suppressed cell cannot be worked
/// out from its PCN's cell and its sister practices' cells in the other grouping (secondary suppression across the two).
/// </summary>
public static class OrganisationTables
{
    /// <param name="cellsByPractice">Each practice's exact cells; a cell missing is 0.</param>
    /// <param name="groupMargins">The totals and parts of one organisation's table; its cells are every total and part named.</param>
    public static async Task<IReadOnlyList<OrganisationTable<TCell>>> ShowAsync<TCell>(
        PhmDbContext db, OrganisationLevel level, DateOnly referenceDate, IReadOnlyDictionary<string, IReadOnlyDictionary<TCell, CellCount>> cellsByPractice,
        IReadOnlyCollection<Margin<TCell>> groupMargins, DisclosureControl control, CancellationToken cancellationToken) where TCell : notnull
    {
        var cellKinds = groupMargins.SelectMany(m => m.Parts.Prepend(m.Total)).Distinct().ToList();
        var (practices, _) = await OrganisationGroups.OfAsync(db, OrganisationLevel.Practice, referenceDate, cancellationToken);
        var (pcns, pcnOf) = await OrganisationGroups.OfAsync(db, OrganisationLevel.Pcn, referenceDate, cancellationToken);
        var practicesOfPcn = practices.Keys.Where(p => pcnOf(p) is { } pcn && pcns.ContainsKey(pcn)).ToLookup(p => pcnOf(p)!);

        var table = new Dictionary<(string Organisation, TCell Cell), CellCount>();
        var margins = new List<Margin<(string, TCell)>>();
        foreach (var practice in practices.Keys)
        {
            var cells = cellsByPractice.GetValueOrDefault(practice);
            foreach (var cell in cellKinds)
                table[(Practice(practice), cell)] = cells?.GetValueOrDefault(cell) ?? CellCount.Empty;
            margins.AddRange(groupMargins.Select(m => Within(Practice(practice), m)));
        }
        foreach (var pcn in pcns.Keys)
        {
            var members = practicesOfPcn[pcn].Select(Practice).ToList();
            foreach (var cell in cellKinds)
            {
                table[(pcn, cell)] = members.Aggregate(CellCount.Empty, (sum, practice) => sum + table[(practice, cell)]);
                margins.Add(new Margin<(string, TCell)>((pcn, cell), [.. members.Select(practice => (practice, cell))]));
            }
            margins.AddRange(groupMargins.Select(m => Within(pcn, m)));
        }

        var shown = Disclosure.Protect(table, margins, control);
        var (names, key) = level == OrganisationLevel.Pcn ? (pcns, (Func<string, string>)(code => code)) : (practices, Practice);
        return [.. names.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => new OrganisationTable<TCell>(o.Key, o.Value, cellKinds.ToDictionary(cell => cell, cell => shown[(key(o.Key), cell)])))];
    }

    /// <summary>A practice's key in the joint table, apart from PCN codes.</summary>
    private static string Practice(string code) => "practice:" + code;

    private static Margin<(string, TCell)> Within<TCell>(string organisation, Margin<TCell> margin) =>
        new((organisation, margin.Total), [.. margin.Parts.Select(part => (organisation, part))]);
}
