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

    /// <summary>
    /// How long the hub serves requests from the store's manifest stamp it last read (and the reference data held with it) before it
    /// reads the stamp again, to see a rebuild or an ingest by another process: <c>phm build</c>, <c>phm ingest</c> or another hub on
    /// the same database. This process's own builds and ingests are seen by the next request whatever the interval
    /// (<see cref="StoreChanges"/>). Zero reads the stamp on every request, as the hub did before it held it.
    /// </summary>
    public TimeSpan StoreCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Folder of the reference files shipped with the hub (IMD, practices, geography).</summary>
    public string? ReferenceDataDirectory { get; set; }

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Directory.GetCurrentDirectory());

    public string ResolveReferenceDataDirectory() =>
        ReferenceDataDirectory is { Length: > 0 } directory
            ? Path.GetFullPath(directory, Directory.GetCurrentDirectory())
            : Path.Combine(AppContext.BaseDirectory, "reference");
}
