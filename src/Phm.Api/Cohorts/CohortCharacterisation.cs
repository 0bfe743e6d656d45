using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

/// <summary>
/// What a characterisation describes: the members of a cohort (a query over the request's context, so a clinician's scope holds),
/// at the reference date, under the caller's disclosure control. The number of members is counted once however many parts are asked.
/// </summary>
public sealed class CohortCharacterisationSource(IQueryable<Patient> members, DateOnly referenceDate, DisclosureControl control)
{
    private Task<int>? _members;

    public IQueryable<Patient> Members => members;
    public DateOnly ReferenceDate => referenceDate;
    public DisclosureControl Control => control;

    public async Task<DisclosedCount> CountAsync(CancellationToken cancellationToken) =>
        DisclosedCount.Of(await (_members ??= members.CountAsync(cancellationToken)), control);
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
/// Counts are shown under the source's <see cref="DisclosureControl"/>, shares and rates from the counts as shown.
/// </summary>
public static class CohortCharacterisation
{
    /// <summary>How many registers <see cref="TopRegistersAsync"/> lists.</summary>
    public const int TopRegisters = 10;

    /// <summary>The months of activity counted, <c>[reference date − 12 months, reference date)</c>, as the risk features count them.</summary>
    public const int ActivityMonths = 12;

    private static readonly int[] Quintiles = [1, 2, 3, 4, 5];

    /// <summary>Every age band by sex, zeros included. The statement groups by birth month and sex (a few thousand rows at most).</summary>
    public static async Task<IReadOnlyList<AgeBandSexShare>> AgeBandsBySexAsync(CohortCharacterisationSource source, CancellationToken cancellationToken)
    {
        var rows = await source.Members
            .GroupBy(p => new { p.BirthYear, p.BirthMonth, p.Sex })
            .Select(g => new { g.Key.BirthYear, g.Key.BirthMonth, g.Key.Sex, Patients = g.Count() })
            .ToListAsync(cancellationToken);
        var exact = rows
            .GroupBy(r => (Band: AgeBands.Of(Patient.AgeOn(r.BirthYear, r.BirthMonth, source.ReferenceDate)), r.Sex))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Patients));
        var total = await source.CountAsync(cancellationToken);
        return
        [
            .. Enum.GetValues<AgeBand>().SelectMany(band => Enum.GetValues<Sex>().Select(sex =>
            {
                var patients = DisclosedCount.Of(exact.GetValueOrDefault((band, sex)), source.Control);
                return new AgeBandSexShare(band, sex, patients, patients.PercentageOf(total));
            })),
        ];
    }

    /// <summary>The members by national quintile, 1 to 5, and local quintile, 1 to 5 then those living outside the local authority.</summary>
    public static async Task<CohortDeprivation> DeprivationAsync(CohortCharacterisationSource source, PhmDbContext db, CancellationToken cancellationToken)
    {
        var cells = await source.Members
            .Join(db.Lsoas, p => p.LsoaCode, l => l.Code, (p, l) => new { l.NationalQuintile, l.LocalQuintile })
            .GroupBy(x => new { x.NationalQuintile, x.LocalQuintile })
            .Select(g => new { g.Key.NationalQuintile, g.Key.LocalQuintile, Patients = g.Count() })
            .ToListAsync(cancellationToken);
        var total = await source.CountAsync(cancellationToken);
        CohortQuintileShare Share(int? quintile, int exact)
        {
            var patients = DisclosedCount.Of(exact, source.Control);
            return new CohortQuintileShare(quintile, patients, patients.PercentageOf(total));
        }
        return new CohortDeprivation(
            [.. Quintiles.Select(q => Share(q, cells.Where(c => c.NationalQuintile == q).Sum(c => c.Patients)))],
            [.. Quintiles.Cast<int?>().Append(null).Select(q => Share(q, cells.Where(c => c.LocalQuintile == q).Sum(c => c.Patients)))]);
    }

    /// <summary>
    /// The <see cref="TopRegisters"/> registers most members are on at the reference date (<see cref="RegisterRules.OnRegister"/>),
    /// most first (ties in register order), registers no member is on left out. One statement: each register's holders, all in
    /// one UNION ALL, kept to the members and counted by register.
    /// </summary>
    public static async Task<IReadOnlyList<RegisterShare>> TopRegistersAsync(CohortCharacterisationSource source, PhmDbContext db, CancellationToken cancellationToken)
    {
        var members = source.Members.Select(p => p.Id);
        var counts = await Enum.GetValues<ConditionRegister>()
            .Select(register => db.Patients.OnRegister(db.Conditions, register, source.ReferenceDate).Select(p => new RegisterHolder { PatientId = p.Id, Register = register }))
            .Aggregate(Queryable.Concat)
            .Where(h => members.Contains(h.PatientId))
            .GroupBy(h => h.Register)
            .Select(g => new { Register = g.Key, Patients = g.Count() })
            .ToListAsync(cancellationToken);
        var total = await source.CountAsync(cancellationToken);
        return
        [
            .. counts.OrderByDescending(c => c.Patients).ThenBy(c => c.Register).Take(TopRegisters).Select(c =>
            {
                var patients = DisclosedCount.Of(c.Patients, source.Control);
                return new RegisterShare(c.Register, patients, patients.PercentageOf(total));
            }),
        ];
    }

    /// <summary>For each model the store holds scores of (by name), the members it scored and their tiers, highest first, zeros included.</summary>
    public static async Task<IReadOnlyList<CohortRiskMix>> RiskTiersAsync(CohortCharacterisationSource source, PhmDbContext db, CancellationToken cancellationToken)
    {
        var models = await db.ScoredModels.AsNoTracking().Select(m => m.Name).ToListAsync(cancellationToken);
        var cells = await source.Members
            .Join(db.RiskScores, p => p.Id, s => s.PatientId, (p, s) => new { s.Model, s.Tier })
            .GroupBy(x => new { x.Model, x.Tier })
            .Select(g => new { g.Key.Model, g.Key.Tier, Patients = g.Count() })
            .ToListAsync(cancellationToken);
        return
        [
            .. models.Order(StringComparer.Ordinal).Select(model =>
            {
                var scored = DisclosedCount.Of(cells.Where(c => c.Model == model).Sum(c => c.Patients), source.Control);
                return new CohortRiskMix(model, scored,
                [
                    .. Enum.GetValues<RiskTier>().Select(tier =>
                    {
                        var patients = DisclosedCount.Of(cells.Where(c => c.Model == model && c.Tier == tier).Sum(c => c.Patients), source.Control);
                        return new CohortRiskTierShare(tier, patients, patients.PercentageOf(scored));
                    }),
                ]);
            }),
        ];
    }

    /// <summary>The members' contacts of every kind in the last <see cref="ActivityMonths"/> months, zeros included, per 1,000 members.</summary>
    public static async Task<IReadOnlyList<ActivityRate>> ActivityRatesAsync(CohortCharacterisationSource source, PhmDbContext db, CancellationToken cancellationToken)
    {
        var (from, to) = CriteriaWindow.Months(ActivityMonths).On(source.ReferenceDate);
        var counts = await source.Members
            .Join(db.Activities.Where(a => a.Date >= from && a.Date <= to), p => p.Id, a => a.PatientId, (p, a) => a.Kind)
            .GroupBy(kind => kind)
            .Select(g => new { Kind = g.Key, Events = g.Count() })
            .ToDictionaryAsync(c => c.Kind, c => c.Events, cancellationToken);
        var total = await source.CountAsync(cancellationToken);
        return
        [
            .. Enum.GetValues<ActivityKind>().Select(kind =>
            {
                var events = DisclosedCount.Of(counts.GetValueOrDefault(kind), source.Control);
                return new ActivityRate(kind, events, events.RatePerThousandOf(total));
            }),
        ];
    }

    /// <summary>A class with settable members: EF Core composes a UNION ALL only over member initialisation.</summary>
    private sealed class RegisterHolder
    {
        public int PatientId { get; init; }
        public ConditionRegister Register { get; init; }
    }
}
