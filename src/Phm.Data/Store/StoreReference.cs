using Microsoft.EntityFrameworkCore;
using Phm.Data.Geography;
using Phm.Data.Practices;

namespace Phm.Data.Store;

/// <summary>
/// The store's reference data as one build of the store left it: its reference date, LSOAs, practices, PCNs and PCN memberships.
/// None of it changes between builds (ingest adds patients and their records, never reference data), so the API holds it in
/// memory (<see cref="StoreReferenceCache"/>) instead of reading it on every request. Lists keep the order the store gave them.
/// </summary>
public sealed class StoreReference
{
    private readonly Dictionary<string, string[]> _practiceCodesByPcn;
    private readonly Dictionary<string, Pcn> _pcnByPractice;
    private readonly Dictionary<string, IReadOnlyList<PcnMembership>> _membershipsByPractice;

    private StoreReference(StoreStamp stamp, List<Lsoa> lsoas, List<Practice> practices, List<Pcn> pcns, List<PcnMembership> memberships)
    {
        Stamp = stamp;
        Lsoas = lsoas.ToDictionary(l => l.Code, StringComparer.Ordinal);
        Practices = practices;
        PracticesByCode = practices.ToDictionary(p => p.Code, StringComparer.Ordinal);
        Pcns = pcns;
        PcnsByCode = pcns.ToDictionary(p => p.Code, StringComparer.Ordinal);
        _membershipsByPractice = memberships.GroupBy(m => m.PracticeCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PcnMembership>)[.. g], StringComparer.Ordinal);
        var inForce = PcnMembership.InForceOn.Compile();
        var current = memberships.Where(m => inForce(m, stamp.ReferenceDate)).ToList();
        _practiceCodesByPcn = current.GroupBy(m => m.PcnCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.PracticeCode).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _pcnByPractice = current.Where(m => PcnsByCode.ContainsKey(m.PcnCode))
            .ToDictionary(m => m.PracticeCode, m => PcnsByCode[m.PcnCode], StringComparer.Ordinal);
    }

    /// <summary>Which build of the store this was read from.</summary>
    public StoreStamp Stamp { get; }

    /// <summary>The date the population is described at: PCN membership and ages are taken on this day.</summary>
    public DateOnly ReferenceDate => Stamp.ReferenceDate;

    public IReadOnlyDictionary<string, Lsoa> Lsoas { get; }

    /// <summary>Practices by code.</summary>
    public IReadOnlyList<Practice> Practices { get; }

    public IReadOnlyDictionary<string, Practice> PracticesByCode { get; }

    /// <summary>PCNs by code.</summary>
    public IReadOnlyList<Pcn> Pcns { get; }

    public IReadOnlyDictionary<string, Pcn> PcnsByCode { get; }

    /// <summary>The codes of the practices that are members of <paramref name="pcnCode"/> at the reference date, in code order.</summary>
    public IReadOnlyList<string> PracticeCodesOf(string pcnCode) => _practiceCodesByPcn.GetValueOrDefault(pcnCode) ?? [];

    /// <summary>The PCN <paramref name="practiceCode"/> belongs to at the reference date; null if none then.</summary>
    public Pcn? PcnOf(string practiceCode) => _pcnByPractice.GetValueOrDefault(practiceCode);

    /// <summary>A practice's memberships over time, oldest first.</summary>
    public IReadOnlyList<PcnMembership> MembershipsOf(string practiceCode) => _membershipsByPractice.GetValueOrDefault(practiceCode) ?? [];

    /// <summary>Which build of the store <paramref name="db"/> holds now: one small read of the manifest row.</summary>
    internal static Task<StoreStamp> ReadStampAsync(PhmDbContext db, CancellationToken cancellationToken) =>
        db.Manifest.AsNoTracking()
            .Select(m => new StoreStamp(m.GeneratorVersion, m.Seed, m.Population, m.LocalAuthorityCode, m.ReferenceDate, m.BuiltAtUtc))
            .SingleAsync(cancellationToken);

    /// <summary>Reads the reference data of the build <paramref name="stamp"/> names (read just before, by <see cref="ReadStampAsync"/>).</summary>
    public static async Task<StoreReference> LoadAsync(PhmDbContext db, StoreStamp stamp, CancellationToken cancellationToken)
    {
        var lsoas = await db.Lsoas.AsNoTracking().OrderBy(l => l.Code).ToListAsync(cancellationToken);
        var practices = await db.Practices.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var pcns = await db.Pcns.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var memberships = await db.PcnMemberships.AsNoTracking().OrderBy(m => m.ValidFrom).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        return new StoreReference(stamp, lsoas, practices, pcns, memberships);
    }
}

/// <summary>What the manifest says of a build of the store; a rebuild always writes a different one (another seed, population or time).</summary>
public sealed record StoreStamp(
    string GeneratorVersion, int Seed, int Population, string LocalAuthorityCode, DateOnly ReferenceDate, DateTimeOffset BuiltAtUtc);
