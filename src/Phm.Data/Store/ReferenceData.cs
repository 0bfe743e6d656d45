using Phm.Data.Geography;
using Phm.Data.Practices;
using Phm.Data.Terminology;

namespace Phm.Data.Store;

/// <summary>Everything the hub reads from the published reference files, checked and ready to load.</summary>
public sealed record ReferenceData(
    string LocalAuthority,
    IReadOnlyList<Lsoa> Lsoas,
    IReadOnlyList<Pcn> Pcns,
    IReadOnlyList<Practice> Practices,
    CityGeography Geography,
    RegisterCodeList RegisterCodes)
{
    public int TotalListSize => Practices.Sum(p => p.ListSize);

    public IEnumerable<Lsoa> LocalLsoas => Lsoas.Where(l => l.IsInLocalAuthority);

    public static ReferenceData Load(string referenceDirectory, string localAuthority, IReadOnlyList<string> neighbouringAuthorities)
    {
        RequireDirectory(referenceDirectory);
        var lsoas = ImdReferenceReader.Read(referenceDirectory, localAuthority, neighbouringAuthorities.ToList());
        var practices = PracticeReferenceReader.Read(referenceDirectory);
        return new ReferenceData(localAuthority, lsoas, practices.Pcns, practices.Practices, CityGeography.Read(referenceDirectory),
            RegisterCodeList.Load(referenceDirectory));
    }

    /// <summary>The practices' registered lists: the default population, read without the far larger IMD files.</summary>
    public static int ReadTotalListSize(string referenceDirectory)
    {
        RequireDirectory(referenceDirectory);
        return PracticeReferenceReader.Read(referenceDirectory).Practices.Sum(p => p.ListSize);
    }

    private static void RequireDirectory(string referenceDirectory)
    {
        if (!Directory.Exists(referenceDirectory))
            throw new ReferenceDataException($"{referenceDirectory}: the reference data folder is missing (Phm:ReferenceDataDirectory).");
    }
}
