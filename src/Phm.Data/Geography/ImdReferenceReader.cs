using Phm.Data.Store;

namespace Phm.Data.Geography;

/// <summary>
/// Builds <see cref="Lsoa"/> rows from the English Indices of Deprivation 2019 files (File 1 ranks and deciles, File 2 domains,
/// File 6 populations) and the published IMD scores.
/// </summary>
public static class ImdReferenceReader
{
    private const string Code = "LSOA code (2011)";
    private const string Name = "LSOA name (2011)";
    private const string AuthorityCode = "Local Authority District code (2019)";
    private const string AuthorityName = "Local Authority District name (2019)";
    private const string ImdRank = "Index of Multiple Deprivation (IMD) Rank";
    private const string ImdDecile = "Index of Multiple Deprivation (IMD) Decile";
    private const string TotalPopulation = "Total population: mid 2015 (excluding prisoners)";
    private const string Children = "Dependent Children aged 0-15: mid 2015 (excluding prisoners)";
    private const string WorkingAge = "Population aged 16-59: mid 2015 (excluding prisoners)";
    private const string Older = "Older population aged 60 and over: mid 2015 (excluding prisoners)";

    private static readonly string[] DomainDecileColumns =
    [
        "Income Decile (where 1 is most deprived 10% of LSOAs)",
        "Employment Decile (where 1 is most deprived 10% of LSOAs)",
        "Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)",
        "Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)",
        "Crime Decile (where 1 is most deprived 10% of LSOAs)",
        "Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)",
        "Living Environment Decile (where 1 is most deprived 10% of LSOAs)",
    ];

    public const string File1 = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.england.csv.gz";
    public const string File2 = "imd2019/File_2_-_IoD2019_Domains_of_Deprivation.england.csv.gz";
    public const string File6 = "imd2019/File_6_-_IoD2019_Population_Denominators.england.csv.gz";
    public const string Scores = "imd2019/mysociety_UK_IMD_E.southampton.csv";

    /// <summary>Reads the LSOAs of the given local authorities; the first is the hub's own, the rest are its neighbours.</summary>
    public static IReadOnlyList<Lsoa> Read(string referenceDirectory, string localAuthority, IReadOnlyCollection<string> neighbours)
    {
        var wanted = new HashSet<string>(neighbours, StringComparer.Ordinal) { localAuthority };
        var (ranked, nationalRanks) = ReadFile1(Path.Combine(referenceDirectory, File1), wanted);
        if (!ranked.Values.Any(r => r.AuthorityCode == localAuthority))
            throw new ReferenceDataException($"{File1}: no LSOA belongs to local authority '{localAuthority}' (Phm:LocalAuthority); it must be an English local authority district code such as E06000045.");

        var domains = ReadDomains(Path.Combine(referenceDirectory, File2), ranked.Keys);
        var populations = ReadPopulations(Path.Combine(referenceDirectory, File6), ranked.Keys);
        var published = ReadPublishedScores(Path.Combine(referenceDirectory, Scores));
        var estimator = new ImdScoreEstimator(published.Where(p => nationalRanks.ContainsKey(p.Key)).Select(p => (nationalRanks[p.Key], p.Value)));
        var localQuintiles = LocalQuintiles(ranked.Values.Where(r => r.AuthorityCode == localAuthority));

        return ranked.Values
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new Lsoa
            {
                Code = r.Code,
                Name = r.Name,
                LocalAuthorityCode = r.AuthorityCode,
                LocalAuthorityName = r.AuthorityName,
                IsInLocalAuthority = r.AuthorityCode == localAuthority,
                ImdScore = published.TryGetValue(r.Code, out var score) ? score : estimator.Estimate(r.Rank),
                ImdScoreIsEstimated = !published.ContainsKey(r.Code),
                ImdRank = r.Rank,
                ImdDecile = r.Decile,
                NationalQuintile = (r.Decile + 1) / 2,
                LocalQuintile = localQuintiles.TryGetValue(r.Code, out var quintile) ? quintile : null,
                Domains = Required(domains, r.Code, File2),
                Population = Required(populations, r.Code, File6),
            })
            .ToList();
    }

    /// <summary>
    /// Ranks the authority's LSOAs from most to least deprived and cuts them into five groups whose sizes differ by at most one.
    /// </summary>
    public static IReadOnlyDictionary<string, int> LocalQuintiles(IEnumerable<RankedLsoa> lsoas)
    {
        var ordered = lsoas.OrderBy(l => l.Rank).ToList();
        return ordered.Select((l, index) => (l.Code, Quintile: index * 5 / ordered.Count + 1))
            .ToDictionary(x => x.Code, x => x.Quintile, StringComparer.Ordinal);
    }

    /// <summary>The wanted authorities' LSOAs, and every English LSOA's rank (to place the published scores on the national scale).</summary>
    private static (Dictionary<string, RankedLsoa> Wanted, Dictionary<string, int> NationalRanks) ReadFile1(string path, HashSet<string> authorities)
    {
        var result = new Dictionary<string, RankedLsoa>(StringComparer.Ordinal);
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in ReferenceFile.Rows(path, Code, Name, AuthorityCode, AuthorityName, ImdRank, ImdDecile))
        {
            ranks[row.Text(Code)] = row.WholeNumber(ImdRank);
            var authority = row.Text(AuthorityCode);
            if (!authorities.Contains(authority))
                continue;
            var decile = row.WholeNumber(ImdDecile);
            if (decile is < 1 or > 10)
                throw row.Invalid(ImdDecile, decile.ToString(System.Globalization.CultureInfo.InvariantCulture), "a decile runs from 1 to 10");
            var code = row.Text(Code);
            result[code] = new RankedLsoa(code, row.Text(Name), authority, row.Text(AuthorityName), ranks[code], decile);
        }

        return (result, ranks);
    }

    private static Dictionary<string, DomainDeciles> ReadDomains(string path, IEnumerable<string> codes)
    {
        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, DomainDeciles>(StringComparer.Ordinal);
        foreach (var row in ReferenceFile.Rows(path, [Code, .. DomainDecileColumns]))
        {
            var code = row.Text(Code);
            if (!wanted.Contains(code))
                continue;
            var d = DomainDecileColumns.Select(row.WholeNumber).ToArray();
            result[code] = new DomainDeciles(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
        }

        return result;
    }

    private static Dictionary<string, LsoaPopulation> ReadPopulations(string path, IEnumerable<string> codes)
    {
        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, LsoaPopulation>(StringComparer.Ordinal);
        foreach (var row in ReferenceFile.Rows(path, Code, TotalPopulation, Children, WorkingAge, Older))
        {
            var code = row.Text(Code);
            if (wanted.Contains(code))
                result[code] = new LsoaPopulation(row.WholeNumber(TotalPopulation), row.WholeNumber(Children), row.WholeNumber(WorkingAge), row.WholeNumber(Older));
        }

        return result;
    }

    private static Dictionary<string, double> ReadPublishedScores(string path)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in ReferenceFile.Rows(path, "nation", "lsoa", "overall_local_score"))
        {
            // Only English rows carry the official IMD 2019 score in this column.
            if (row.Text("nation") == "E")
                result[row.Text("lsoa")] = row.Number("overall_local_score");
        }

        return result;
    }

    private static T Required<T>(Dictionary<string, T> values, string code, string file) =>
        values.TryGetValue(code, out var value) ? value : throw new ReferenceDataException($"{file}: no row for LSOA {code}.");

    public sealed record RankedLsoa(string Code, string Name, string AuthorityCode, string AuthorityName, int Rank, int Decile);
}
