using System.Globalization;
using Phm.Data.Store;

namespace Phm.Data.Practices;

/// <summary>
/// Reads PCNs, practices and their PCN membership over time from the NHS Digital "Patients Registered at a GP Practice"
/// mapping extracts, with list sizes, locations and the OHID Fingertips practice deprivation score.
/// </summary>
public static class PracticeReferenceReader
{
    public static readonly string[] MembershipExtracts =
    [
        "gp_practices/gp-reg-pat-prac-map.2020-09.southampton.csv",
        "gp_practices/gp-reg-pat-prac-map.2022-01.southampton.csv",
    ];

    public const string ListSizes = "gp_practices/gp-reg-pat-prac-all.2021-01.southampton.csv";
    public const string Locations = "geography/southampton_gp_practice_locations.csv";
    public const string FingertipsScores = "gp_practices/fingertips_93553_imd2019_score_gp.southampton.csv";

    /// <summary>The extract the list sizes come from; the generated population is described as at this date.</summary>
    public static readonly DateOnly ListSizeDate = new(2021, 1, 1);

    public static PracticeReference Read(string referenceDirectory)
    {
        var snapshots = MembershipExtracts.Select(file => ReadMembershipExtract(Path.Combine(referenceDirectory, file))).OrderBy(s => s.Date).ToList();
        var listSizes = ReadListSizes(Path.Combine(referenceDirectory, ListSizes));
        var locations = ReadLocations(Path.Combine(referenceDirectory, Locations));
        var scores = ReadFingertips(Path.Combine(referenceDirectory, FingertipsScores));

        var latestRow = snapshots.SelectMany(s => s.Rows).GroupBy(r => r.PracticeCode).ToDictionary(g => g.Key, g => g.Last());
        var pcns = snapshots.SelectMany(s => s.Rows)
            .GroupBy(r => r.PcnCode)
            .Select(g => new Pcn { Code = g.Key, Name = g.Last().PcnName })
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();

        var practices = latestRow.Values.OrderBy(r => r.PracticeCode, StringComparer.Ordinal).Select(row =>
        {
            if (!listSizes.TryGetValue(row.PracticeCode, out var listSize))
                throw new ReferenceDataException($"{ListSizes}: no list size for practice {row.PracticeCode}.");
            locations.TryGetValue(row.PracticeCode, out var location);
            return new Practice
            {
                Code = row.PracticeCode,
                Name = row.PracticeName,
                Postcode = row.Postcode,
                ListSize = listSize,
                Latitude = location?.Latitude,
                Longitude = location?.Longitude,
                PublishedImdScore = scores.TryGetValue(row.PracticeCode, out var score) ? score : null,
                Memberships = MembershipPeriods(row.PracticeCode, snapshots),
            };
        }).ToList();

        return new PracticeReference(pcns, practices);
    }

    /// <summary>
    /// Turns point-in-time extracts into periods: a membership runs from the first extract that shows it until the day before
    /// the first later extract that does not (the practice moved PCN or left the area), or stays open if the latest still shows it.
    /// </summary>
    public static List<PcnMembership> MembershipPeriods(string practiceCode, IReadOnlyList<MembershipSnapshot> snapshots)
    {
        var periods = new List<PcnMembership>();
        PcnMembership? open = null;
        foreach (var snapshot in snapshots)
        {
            var row = snapshot.Rows.FirstOrDefault(r => r.PracticeCode == practiceCode);
            if (open is not null && open.PcnCode != row?.PcnCode)
            {
                open.ValidTo = snapshot.Date.AddDays(-1);
                open = null;
            }

            if (row is not null && open is null)
            {
                open = new PcnMembership { PracticeCode = practiceCode, PcnCode = row.PcnCode, ValidFrom = snapshot.Date };
                periods.Add(open);
            }
        }

        return periods;
    }

    private static MembershipSnapshot ReadMembershipExtract(string path)
    {
        var rows = new List<MembershipRow>();
        DateOnly? date = null;
        foreach (var row in ReferenceFile.Rows(path, "EXTRACT_DATE", "PRACTICE_CODE", "PRACTICE_NAME", "PRACTICE_POSTCODE", "PCN_CODE", "PCN_NAME"))
        {
            var extractText = row.Text("EXTRACT_DATE");
            // NHS Digital changed the date format between releases: "01-Sep-20" and "01Jan2022".
            if (!DateOnly.TryParseExact(extractText, ["dd-MMM-yy", "ddMMMyyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var extract))
                throw row.Invalid("EXTRACT_DATE", extractText, "not a date like 01-Sep-20 or 01Jan2022");
            if (date is not null && date != extract)
                throw row.Invalid("EXTRACT_DATE", extractText, $"one extract must have one date, and earlier rows say {date:yyyy-MM-dd}");
            date = extract;
            rows.Add(new MembershipRow(row.Text("PRACTICE_CODE"), row.Text("PRACTICE_NAME"), row.Text("PRACTICE_POSTCODE"), row.Text("PCN_CODE"), row.Text("PCN_NAME")));
        }

        return new MembershipSnapshot(date ?? throw new ReferenceDataException($"{path}: the extract has no rows."), rows);
    }

    private static Dictionary<string, int> ReadListSizes(string path)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in ReferenceFile.Rows(path, "TYPE", "CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"))
        {
            if (row.Text("TYPE") == "GP" && row.Text("SEX") == "ALL" && row.Text("AGE") == "ALL")
                sizes[row.Text("CODE")] = row.WholeNumber("NUMBER_OF_PATIENTS");
        }

        return sizes;
    }

    private static Dictionary<string, (double Latitude, double Longitude)?> ReadLocations(string path) =>
        ReferenceFile.Rows(path, "practice_code", "lat", "lon")
            .Select(row => (Code: row.Text("practice_code"), Location: ((double, double)?)(row.Number("lat"), row.Number("lon"))))
            .ToDictionary(x => x.Code, x => x.Location, StringComparer.Ordinal);

    private static Dictionary<string, double> ReadFingertips(string path) =>
        ReferenceFile.Rows(path, "Area Code", "Area Type", "Value")
            .Where(row => row.Text("Area Type") == "GP")
            .Select(row => (Code: row.Text("Area Code"), Score: row.Number("Value")))
            .ToDictionary(x => x.Code, x => x.Score, StringComparer.Ordinal);

    public sealed record MembershipRow(string PracticeCode, string PracticeName, string Postcode, string PcnCode, string PcnName);

    public sealed record MembershipSnapshot(DateOnly Date, IReadOnlyList<MembershipRow> Rows);
}

public sealed record PracticeReference(IReadOnlyList<Pcn> Pcns, IReadOnlyList<Practice> Practices);
