using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Data.Cohorts;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

/// <summary>
/// What a characterisation describes: the members of a cohort (a query over <paramref name="db"/>, the request's context, so a
/// clinician's scope holds; or the city-wide one of <see cref="CityComparators"/>), at the reference date, under the caller's disclosure control. The members' cell (their number and record keys) is counted once
/// however many parts are asked (by <paramref name="countMembers"/>, such as the evaluation's count, if given), and is every
/// part's total, so the same members always show the same count.
/// </summary>
public sealed class CohortCharacterisationSource(
    IQueryable<Patient> members, PhmDbContext db, DateOnly referenceDate, DisclosureControl control, Func<CancellationToken, Task<CellCount>>? countMembers = null)
{
    private Task<CellCount>? _members;

    public IQueryable<Patient> Members => members;

    /// <summary>The context the members are read through, for the records each part counts (registers held, scores, activity).</summary>
    public PhmDbContext Db => db;
    public DateOnly ReferenceDate => referenceDate;
    public DisclosureControl Control => control;

    /// <summary>The members' number and the sum of their record keys.</summary>
    public Task<CellCount> MembersCellAsync(CancellationToken cancellationToken) =>
        _members ??= countMembers?.Invoke(cancellationToken) ?? members.CellAsync(p => p.Id, cancellationToken);

    /// <summary>The number of members as shown (a table of one cell).</summary>
    public async Task<DisclosedCount> CountAsync(CancellationToken cancellationToken) =>
        DisclosedCount.Protect(new Dictionary<int, CellCount> { [0] = await MembersCellAsync(cancellationToken) }, [], control)[0];
}

/// <summary>The members of one age band and sex, and their share of all members.</summary>
public sealed record AgeBandSexShare(AgeBand AgeBand, Sex Sex, DisclosedCount Patients, double? Percentage);

/// <summary>The members living in one deprivation quintile (null: outside the local authority, for local quintiles), and their share.</summary>
public sealed record CohortQuintileShare(int? Quintile, DisclosedCount Patients, double? Percentage);

/// <summary>The members of each deprivation quintile, national and local.</summary>
public sealed record CohortDeprivation(IReadOnlyList<CohortQuintileShare> ByNationalQuintile, IReadOnlyList<CohortQuintileShare> ByLocalQuintile);

/// <summary>The members on one register at the reference date, and their share.</summary>
public sealed record RegisterShare(ConditionRegister Register, DisclosedCount Patients, double? Percentage);

/// <summary>The members one risk model scored, and how they spread over its tiers.</summary>
public sealed record CohortRiskMix(string Model, DisclosedCount Patients, IReadOnlyList<CohortRiskTierShare> Tiers);

/// <summary>The scored members in one tier, and their share of the scored members.</summary>
public sealed record CohortRiskTierShare(RiskTier Tier, DisclosedCount Patients, double? Percentage);

/// <summary>The members' contacts of one kind in the last 12 months, and their rate per 1,000 members.</summary>
public sealed record ActivityRate(ActivityKind Kind, DisclosedCount Events, double? RatePerThousandMembers);

/// <summary>
/// Describes the members of a cohort, each part in one SQL statement (grouped in the database; the few rows are placed in their bands
/// here): age band by sex, deprivation quintiles, the most common registers, risk tiers by model, and activity in the last 12 months.
/// Counts are shown under the source's <see cref="DisclosureControl"/> by <see cref="DisclosedCount.Protect{TCell}"/>: every cell
/// perturbed by its cell key (the sum of its members' record keys, summed by the same GROUP BY), and where a part adds up to a
/// total shown beside it (age band by sex, quintiles, a model's tiers) secondary suppression over that table. Shares and rates
/// are worked out from the counts as shown.
/// </summary>
public static class CohortCharacterisation
{
    /// <summary>How many registers <see cref="TopRegistersAsync"/> lists.</summary>
    public const int TopRegisters = 10;

    /// <summary>The months of activity counted: the last 12 up to the reference date, included, as cohort criteria count them (<see cref="CriteriaWindow"/>).</summary>
    public const int ActivityMonths = 12;

    private static readonly int[] Quintiles = [1, 2, 3, 4, 5];

    /// <summary>Every age band by sex, zeros included. The statement groups by birth month and sex (a few thousand rows at most).</summary>
    public static async Task<IReadOnlyList<AgeBandSexShare>> AgeBandsBySexAsync(CohortCharacterisationSource source, CancellationToken cancellationToken)
    {
        var rows = await source.Members
            .WithRecordKeys(p => p.Id)
            .GroupBy(k => new { k.Row.BirthYear, k.Row.BirthMonth, k.Row.Sex })
            .Select(g => new { g.Key.BirthYear, g.Key.BirthMonth, g.Key.Sex, Patients = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToListAsync(cancellationToken);
        var exact = rows
            .GroupBy(r => (Band: AgeBands.Of(Patient.AgeOn(r.BirthYear, r.BirthMonth, source.ReferenceDate)), r.Sex))
            .ToDictionary(g => g.Key, g => g.Aggregate(CellCount.Empty, (sum, r) => sum + new CellCount(r.Patients, r.Keys)));
        // The bands and sexes take in every member, so they add up to the total.
        var parts = Enum.GetValues<AgeBand>().SelectMany(band => Enum.GetValues<Sex>().Select(sex => (Band: (AgeBand?)band, Sex: (Sex?)sex))).ToList();
        var cells = parts.ToDictionary(p => p, p => exact.GetValueOrDefault((p.Band!.Value, p.Sex!.Value), CellCount.Empty));
        var total = (Band: (AgeBand?)null, Sex: (Sex?)null);
        cells[total] = await source.MembersCellAsync(cancellationToken);
        var shown = DisclosedCount.Protect(cells, [new Margin<(AgeBand?, Sex?)>(total, parts)], source.Control);
        return [.. parts.Select(p => new AgeBandSexShare(p.Band!.Value, p.Sex!.Value, shown[p], shown[p].PercentageOf(shown[total])))];
    }

    /// <summary>The members by national quintile, 1 to 5, and local quintile, 1 to 5 then those living outside the local authority.</summary>
    public static async Task<CohortDeprivation> DeprivationAsync(CohortCharacterisationSource source, CancellationToken cancellationToken)
    {
        var db = source.Db;
        var rows = await source.Members
            .Join(db.Lsoas, p => p.LsoaCode, l => l.Code, (p, l) => new { p.Id, l.NationalQuintile, l.LocalQuintile })
            .WithRecordKeys(x => x.Id)
            .GroupBy(k => new { k.Row.NationalQuintile, k.Row.LocalQuintile })
            .Select(g => new { g.Key.NationalQuintile, g.Key.LocalQuintile, Patients = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToListAsync(cancellationToken);
        var members = await source.MembersCellAsync(cancellationToken);

        // Each scale's quintiles (and, locally, those living outside the local authority) add up to the members: a table each.
        IReadOnlyList<CohortQuintileShare> Shares(IReadOnlyList<int?> quintiles, Func<int, int?, int?> quintileOf)
        {
            var cells = quintiles.ToDictionary(q => new QuintileCell(q), q => rows
                .Where(r => quintileOf(r.NationalQuintile, r.LocalQuintile) == q)
                .Aggregate(CellCount.Empty, (sum, r) => sum + new CellCount(r.Patients, r.Keys)));
            cells[QuintileCell.Total] = members;
            var shown = DisclosedCount.Protect(cells, [new Margin<QuintileCell>(QuintileCell.Total, [.. quintiles.Select(q => new QuintileCell(q))])], source.Control);
            return [.. quintiles.Select(q => new CohortQuintileShare(q, shown[new(q)], shown[new(q)].PercentageOf(shown[QuintileCell.Total])))];
        }

        return new CohortDeprivation(
            Shares([.. Quintiles.Cast<int?>()], (national, _) => national),
            Shares([.. Quintiles.Cast<int?>().Append(null)], (_, local) => local));
    }

    /// <summary>
    /// The <see cref="TopRegisters"/> registers most members are on at the reference date (<see cref="RegisterRules"/>, as
    /// written with the store in <see cref="PhmDbContext.RegistersHeld"/>), most first (by the count with its noise for
    /// analysts; ties in register order), registers no member is on left out. One statement: the registers held, kept to the
    /// members and counted by register.
    /// </summary>
    public static async Task<IReadOnlyList<RegisterShare>> TopRegistersAsync(CohortCharacterisationSource source, int first, CancellationToken cancellationToken)
    {
        var db = source.Db;
        var members = source.Members.Select(p => p.Id);
        var counts = await db.RegistersHeld
            .Where(h => members.Contains(h.PatientId))
            .WithRecordKeys(h => h.PatientId)
            .GroupBy(k => k.Row.Register)
            .Select(g => new { Register = g.Key, Patients = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToListAsync(cancellationToken);
        // A member may be on several registers, so the registers make no table with a total: each is a cell of its own. They are
        // ranked by their counts with noise (exact for exact control), so the order tells an analyst no more than the counts do.
        var cells = counts.ToDictionary(c => c.Register, c => new CellCount(c.Patients, c.Keys));
        var shown = DisclosedCount.Protect(cells, [], source.Control);
        var total = await source.CountAsync(cancellationToken);
        return
        [
            .. cells.Keys
                .OrderByDescending(register => Disclosure.RateInput(cells[register], source.Control)).ThenBy(register => register)
                .Take(first)
                .Select(register => new RegisterShare(register, shown[register], shown[register].PercentageOf(total))),
        ];
    }

    /// <summary>For each model the store holds scores of (by name), the members it scored and their tiers, highest first, zeros included.</summary>
    public static async Task<IReadOnlyList<CohortRiskMix>> RiskTiersAsync(CohortCharacterisationSource source, CancellationToken cancellationToken)
    {
        var db = source.Db;
        var models = await db.ScoredModels.AsNoTracking().Select(m => m.Name).ToListAsync(cancellationToken);
        var rows = await source.Members
            .Join(db.RiskScores, p => p.Id, s => s.PatientId, (p, s) => new { s.PatientId, s.Model, s.Tier })
            .WithRecordKeys(x => x.PatientId)
            .GroupBy(k => new { k.Row.Model, k.Row.Tier })
            .Select(g => new { g.Key.Model, g.Key.Tier, Patients = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToListAsync(cancellationToken);
        // Each model's tiers add up to the members it scored: a table each.
        return
        [
            .. models.Order(StringComparer.Ordinal).Select(model =>
            {
                var tiers = Enum.GetValues<RiskTier>().Select(tier => new TierCell(tier)).ToList();
                var cells = tiers.ToDictionary(cell => cell, cell => rows
                    .Where(r => r.Model == model && r.Tier == cell.Tier)
                    .Aggregate(CellCount.Empty, (sum, r) => sum + new CellCount(r.Patients, r.Keys)));
                cells[TierCell.Scored] = tiers.Aggregate(CellCount.Empty, (sum, tier) => sum + cells[tier]);
                var shown = DisclosedCount.Protect(cells, [new Margin<TierCell>(TierCell.Scored, tiers)], source.Control);
                return new CohortRiskMix(model, shown[TierCell.Scored], [.. tiers.Select(cell => new CohortRiskTierShare(cell.Tier!.Value, shown[cell], shown[cell].PercentageOf(shown[TierCell.Scored])))]);
            }),
        ];
    }

    /// <summary>The members' contacts of every kind in the last <see cref="ActivityMonths"/> months, zeros included, per 1,000 members.</summary>
    public static async Task<IReadOnlyList<ActivityRate>> ActivityRatesAsync(CohortCharacterisationSource source, CancellationToken cancellationToken)
    {
        var db = source.Db;
        var (from, to) = CriteriaWindow.Months(ActivityMonths).On(source.ReferenceDate);
        var counts = await source.Members
            .Join(db.Activities.Where(a => a.Date >= from && a.Date <= to), p => p.Id, a => a.PatientId, (p, a) => new { a.PatientId, a.Kind })
            .WithRecordKeys(x => x.PatientId)
            .GroupBy(k => k.Row.Kind)
            .Select(g => new { Kind = g.Key, Events = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToDictionaryAsync(c => c.Kind, c => new CellCount(c.Events, c.Keys), cancellationToken);
        // Events of different kinds add up to no total shown: each kind is a cell of its own (a patient's key counted once per event).
        var shown = DisclosedCount.Protect(Enum.GetValues<ActivityKind>().ToDictionary(kind => kind, kind => counts.GetValueOrDefault(kind, CellCount.Empty)), [], source.Control);
        var total = await source.CountAsync(cancellationToken);
        return [.. Enum.GetValues<ActivityKind>().Select(kind => new ActivityRate(kind, shown[kind], shown[kind].RatePerThousandOf(total)))];
    }

    /// <summary>A quintile's cell of a deprivation table, or (<see cref="Total"/>) the members'.</summary>
    private sealed record QuintileCell(int? Quintile, bool IsTotal = false)
    {
        public static readonly QuintileCell Total = new(null, IsTotal: true);
    }

    /// <summary>A tier's cell of a model's table, or (<see cref="Scored"/>) every scored member's.</summary>
    private sealed record TierCell(RiskTier? Tier)
    {
        public static readonly TierCell Scored = new((RiskTier?)null);
    }
}
