using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Deprivation;
using Phm.Api.Governance;
using Phm.Api.Practices;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Segmentation;
using Phm.Data.Store;

namespace Phm.Api.Segmentation;

/// <summary>The values of a group on the dimensions asked; null on those not asked (and a null PCN for a practice in none).</summary>
public sealed record SegmentationGroupKey(AgeBand? AgeBand, Sex? Sex, int? NationalQuintile, int? LocalQuintile, OdsOrganisation? Pcn, OdsOrganisation? Practice);

/// <summary>A group: its dimension values and its living patients, of every segment (the population of its rates).</summary>
public sealed record SegmentationGroup(SegmentationGroupKey Key, DisclosedCount Patients);

/// <summary>The patients of one group in one segment, and their rate per 1,000 of the group's patients.</summary>
public sealed record SegmentationCell(BridgesToHealthSegment Segment, SegmentationGroup Group, DisclosedCount Patients)
{
    /// <summary>Per 1,000 of the group, to one decimal place, from the counts as shown; null when either is suppressed.</summary>
    public double? RatePerThousand => Patients.RatePerThousandOf(Group.Patients);
}

/// <summary>A segmentation: its groups, and a cell for every group and segment (zeros included), in the order of the groups then segments.</summary>
public sealed record SegmentationResult(IReadOnlyList<SegmentationGroup> Groups, IReadOnlyList<SegmentationCell> Cells);

/// <summary>
/// The living patients at the reference date by Bridges to Health segment (<see cref="SegmentRules"/>, written with the store as
/// <see cref="PhmDbContext.PatientSegments"/>) crossed with the dimensions asked: one GROUP BY statement counts them by segment and by the patients' own keys (practice, LSOA, age band, sex), then the few
/// rows are placed in their PCNs and quintiles here, as the deprivation profile does. Counts are shown under
/// <see cref="DisclosedCount.Protect{TCell}"/> (each group's total and segments one table); rates are worked out from the counts as shown.
/// A context scoped to one PCN counts only its patients.
/// </summary>
public static class SegmentationTable
{
    public static async Task<SegmentationResult> BuildAsync(
        PhmDbContext db, IReadOnlyCollection<SegmentationDimension> by, string? pcn, DateOnly referenceDate, DisclosureControl control, CancellationToken cancellationToken)
    {
        var patients = db.Patients.AsNoTracking();
        if (pcn is not null)
        {
            var practices = db.PcnMemberships.ValidOn(referenceDate).Where(m => m.PcnCode == pcn).Select(m => m.PracticeCode);
            patients = patients.Where(p => practices.Contains(p.PracticeCode));
        }
        // The segments written with the store (SegmentRules), one row per living patient: joined to the patients in scope for their keys.
        var rows = await db.PatientSegments.AsNoTracking()
            .Join(patients, s => s.PatientId, p => p.Id, (s, p) => new SegmentedPatient { Patient = p, Segment = s.Segment })
            .WithRecordKeys(s => s.Patient.Id)
            .GroupBy(KeyOf(by, referenceDate))
            .Select(g => new RawCell { Key = g.Key, Patients = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToListAsync(cancellationToken);

        // Each group's total and its segments are one table for disclosure control: a segment suppressed beside the total
        // takes another with it, so it cannot be worked out as the total less the others.
        var groupKeyOf = await GroupKeysAsync(db, by, referenceDate, cancellationToken);
        var exact = rows
            .GroupBy(r => new TableCell(groupKeyOf(r.Key), r.Key.Segment))
            .ToDictionary(g => g.Key, g => g.Aggregate(CellCount.Empty, (sum, r) => sum + new CellCount(r.Patients, r.Keys)));
        var groupKeys = exact.Keys.Select(c => c.Group).Distinct().OrderBy(g => g, GroupOrder.Instance).ToList();
        var segments = Enum.GetValues<BridgesToHealthSegment>();
        var table = new Dictionary<TableCell, CellCount>();
        List<Margin<TableCell>> margins = [];
        foreach (var group in groupKeys)
        {
            var parts = segments.Select(segment => new TableCell(group, segment)).ToList();
            foreach (var part in parts)
                table[part] = exact.GetValueOrDefault(part, CellCount.Empty);
            table[new TableCell(group, null)] = parts.Aggregate(CellCount.Empty, (sum, part) => sum + table[part]);
            margins.Add(new Margin<TableCell>(new TableCell(group, null), parts));
        }
        var shown = DisclosedCount.Protect(table, margins, control);
        var groups = groupKeys.Select(g => new SegmentationGroup(g, shown[new TableCell(g, null)])).ToList();
        var cells = groups
            .SelectMany(group => segments.Select(segment => new SegmentationCell(segment, group, shown[new TableCell(group.Key, segment)])))
            .ToList();
        return new SegmentationResult(groups, cells);
    }

    /// <summary>
    /// The key the statement groups by: the segment, and of the patient only what the dimensions need (EF Core groups by the
    /// members the key initialises, so the statement groups by those alone).
    /// </summary>
    private static Expression<Func<Keyed<SegmentedPatient>, RawKey>> KeyOf(IReadOnlyCollection<SegmentationDimension> by, DateOnly referenceDate)
    {
        var keyed = Expression.Parameter(typeof(Keyed<SegmentedPatient>), "k");
        var segmented = Expression.Property(keyed, nameof(Keyed<SegmentedPatient>.Row));
        var patient = Expression.Property(segmented, nameof(SegmentedPatient.Patient));
        var bindings = new List<MemberBinding> { Bind(nameof(RawKey.Segment), Expression.Property(segmented, nameof(SegmentedPatient.Segment))) };
        if (by.Contains(SegmentationDimension.Pcn) || by.Contains(SegmentationDimension.Practice))
            bindings.Add(Bind(nameof(RawKey.PracticeCode), Expression.Property(patient, nameof(Patient.PracticeCode))));
        if (by.Contains(SegmentationDimension.NationalQuintile) || by.Contains(SegmentationDimension.LocalQuintile))
            bindings.Add(Bind(nameof(RawKey.LsoaCode), Expression.Property(patient, nameof(Patient.LsoaCode))));
        if (by.Contains(SegmentationDimension.AgeBand))
            bindings.Add(Bind(nameof(RawKey.AgeBand), Expression.Convert(Expression.Invoke(AgeBands.On(referenceDate), patient), typeof(AgeBand?))));
        if (by.Contains(SegmentationDimension.Sex))
            bindings.Add(Bind(nameof(RawKey.Sex), Expression.Convert(Expression.Property(patient, nameof(Patient.Sex)), typeof(Sex?))));
        return Expression.Lambda<Func<Keyed<SegmentedPatient>, RawKey>>(Expression.MemberInit(Expression.New(typeof(RawKey)), bindings), keyed);

        static MemberAssignment Bind(string member, Expression value) => Expression.Bind(typeof(RawKey).GetProperty(member)!, value);
    }

    /// <summary>How a statement's key becomes its group: PCNs and practices named (within the context's scope), LSOAs placed in their quintiles.</summary>
    private static async Task<Func<RawKey, SegmentationGroupKey>> GroupKeysAsync(
        PhmDbContext db, IReadOnlyCollection<SegmentationDimension> by, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        Func<string, OdsOrganisation?> pcnOf = _ => null, practiceOf = _ => null;
        if (by.Contains(SegmentationDimension.Pcn))
        {
            var (names, groupOf) = await OrganisationGroups.OfAsync(db, OrganisationLevel.Pcn, referenceDate, cancellationToken);
            pcnOf = practice => groupOf(practice) is { } code ? new OdsOrganisation(code, names[code]) : null;
        }
        if (by.Contains(SegmentationDimension.Practice))
        {
            var (names, _) = await OrganisationGroups.OfAsync(db, OrganisationLevel.Practice, referenceDate, cancellationToken);
            practiceOf = practice => new OdsOrganisation(practice, names[practice]);
        }
        var quintiles = by.Contains(SegmentationDimension.NationalQuintile) || by.Contains(SegmentationDimension.LocalQuintile)
            ? await db.Lsoas.AsNoTracking().ToDictionaryAsync(l => l.Code, l => (l.NationalQuintile, l.LocalQuintile), cancellationToken)
            : [];
        return key => new SegmentationGroupKey(
            key.AgeBand,
            key.Sex,
            by.Contains(SegmentationDimension.NationalQuintile) ? quintiles[key.LsoaCode!].NationalQuintile : null,
            by.Contains(SegmentationDimension.LocalQuintile) ? quintiles[key.LsoaCode!].LocalQuintile : null,
            key.PracticeCode is { } pcnPractice ? pcnOf(pcnPractice) : null,
            key.PracticeCode is { } practice ? practiceOf(practice) : null);
    }

    /// <summary>Groups by age band, sex, national quintile, local quintile, PCN and practice; a missing value (no local quintile, no PCN) last.</summary>
    private sealed class GroupOrder : IComparer<SegmentationGroupKey>
    {
        public static readonly GroupOrder Instance = new();

        public int Compare(SegmentationGroupKey? x, SegmentationGroupKey? y)
        {
            if (x is null || y is null)
                return x is null ? (y is null ? 0 : -1) : 1;
            int[] order =
            [
                NullLast(x.AgeBand, y.AgeBand), NullLast(x.Sex, y.Sex), NullLast(x.NationalQuintile, y.NationalQuintile),
                NullLast(x.LocalQuintile, y.LocalQuintile), NullLast(x.Pcn?.Code, y.Pcn?.Code), NullLast(x.Practice?.Code, y.Practice?.Code),
            ];
            return order.FirstOrDefault(c => c != 0);
        }

        private static int NullLast(string? x, string? y) => x is null ? (y is null ? 0 : 1) : y is null ? -1 : string.CompareOrdinal(x, y);

        private static int NullLast<T>(T? x, T? y) where T : struct => x is { } a ? (y is { } b ? Comparer<T>.Default.Compare(a, b) : -1) : y is null ? 0 : 1;
    }

    // Classes with settable members: EF Core groups by a member initialisation and reads it back.
    /// <summary>A living patient and its segment: what the statement groups.</summary>
    private sealed class SegmentedPatient
    {
        public required Patient Patient { get; init; }
        public BridgesToHealthSegment Segment { get; init; }
    }

    private sealed class RawKey
    {
        public BridgesToHealthSegment Segment { get; init; }
        public string? PracticeCode { get; init; }
        public string? LsoaCode { get; init; }
        public AgeBand? AgeBand { get; init; }
        public Sex? Sex { get; init; }
    }

    private sealed class RawCell
    {
        public required RawKey Key { get; init; }
        public int Patients { get; init; }
        public long Keys { get; init; }
    }

    /// <summary>A cell of the disclosure table: a group's segment, or (no segment) the group's total.</summary>
    private sealed record TableCell(SegmentationGroupKey Group, BridgesToHealthSegment? Segment);
}
