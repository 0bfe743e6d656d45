namespace Phm.Data.Store;

/// <summary>The hub's configuration section <c>Phm</c>; every key can be given on the command line, e.g. <c>--Phm:Population=5000</c>.</summary>
public sealed class PhmOptions
{
    public const string SectionName = "Phm";

    /// <summary>Patients to generate; by default the real registered list of the Southampton practices (January 2021).</summary>
    public int? Population { get; set; }

    public int Seed { get; set; } = 20210101;

    public PhmDatabaseOptions Database { get; set; } = new();

    /// <summary>Where the store lives; relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>ONS code of the local authority whose LSOAs form the city; local quintiles are computed within it.</summary>
    public string LocalAuthority { get; set; } = "E06000045";

    /// <summary>
    /// Districts whose LSOAs hold the registered patients who live outside the local authority. Southampton's lists
    /// (301,885) exceed its residents (246,054) because about a fifth live in Eastleigh, Test Valley and the New Forest.
    /// </summary>
    public string[]? NeighbouringAuthorities { get; set; }

    public IReadOnlyList<string> ResolveNeighbouringAuthorities() =>
        NeighbouringAuthorities ?? (LocalAuthority == "E06000045" ? ["E07000086", "E07000093", "E07000091"] : []);

    /// <summary>Folder of the reference files shipped with the hub (IMD, practices, geography).</summary>
    public string? ReferenceDataDirectory { get; set; }

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Directory.GetCurrentDirectory());

    public string ResolveReferenceDataDirectory() =>
        ReferenceDataDirectory is { Length: > 0 } directory
            ? Path.GetFullPath(directory, Directory.GetCurrentDirectory())
            : Path.Combine(AppContext.BaseDirectory, "reference");
}
