using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.FhirBundles;

namespace Phm.Data.Tests.Ingest;

/// <summary>
/// Records may give a postcode instead of an LSOA code when the run has an ONS postcode lookup. The lookups here are
/// written by the tests in the ONS files' shape; the postcode-to-LSOA pairs are made up for the test, not real.
/// </summary>
public sealed class PostcodeTests
{
    private const string Header = "nhs_number,birth_date,sex,ethnic_category,postcode,lsoa_code,practice_code";
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid(600).Take(5)];

    [SkippableTheory, ProviderData]
    public async Task IsMappedThroughTheLookup_AndNeverStoredOrQuarantined(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var lookup = WriteLookup(hub, "PCD7,PCD8,PCDS,DOINTR,DOTERM,USERTYPE,OA11CD,LSOA11CD,MSOA11CD,LADCD",
            "ZZ1 1ZZ,ZZ1  1ZZ,ZZ1 1ZZ,198001,,0,E00000001,E01017140,E02000001,E06000045",
            "ZZ2 2ZZ,ZZ2  2ZZ,ZZ2 2ZZ,198001,,0,E00000002,E99999999,E02000002,E06000999");  // outside the store's area
        hub.Write(CsvExtractReader.Patients, Header,
            $"{Numbers[0]},1950-03-09,F,A,zz11zz,,J82001",            // row 1: mapped, written without its space
            $"{Numbers[1]},1950-03-09,F,A,ZZ1 1ZZ,E01017139,J82001",  // row 2: an LSOA code given wins
            $"{Numbers[2]},1950-03-09,F,A,ZZ2 2ZZ,,J82001",           // row 3: outside the store's LSOAs
            $"{Numbers[3]},1950-03-09,F,A,ZZ9 9ZZ,,J82001",           // row 4: not in the lookup
            $"{Numbers[4]},1950-03-09,F,A,,,J82001");                 // row 5: neither

        var summary = await hub.IngestCsvAsync(new IngestOptions { PostcodeLookupPath = lookup });

        Assert.Equal(new (string, string, string)[]
        {
            ("row 3", "postcode", "the postcode is not in the postcode lookup, or lies outside the store's LSOAs"),
            ("row 4", "postcode", "the postcode is not in the postcode lookup, or lies outside the store's LSOAs"),
            ("row 5", "lsoa_code", "an LSOA code or a postcode is required"),
        }, (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field, q.Reason)));
        Assert.Equal(2L, summary.Loaded);
        Assert.Equal("E01017140", (await hub.PatientAsync(Numbers[0])).LsoaCode);
        Assert.Equal("E01017139", (await hub.PatientAsync(Numbers[1])).LsoaCode);
        hub.AssertNoIdentifiersWritten(Numbers, ["ZZ1", "ZZ2", "ZZ9", "zz11zz"]);
    }

    [SkippableTheory, ProviderData]
    public async Task WithoutALookup_IsQuarantined_NamingTheMissingLookup(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,postcode,practice_code", $"{Numbers[0]},1950-03-09,F,A,ZZ1 1ZZ,J82001");

        var summary = await hub.IngestCsvAsync();

        Assert.Equal([("lsoa_code", "no LSOA code, and no postcode lookup to find one from the postcode (--postcode-lookup)")],
            (await hub.QuarantineAsync()).Select(q => (q.Field, q.Reason)));
        Assert.Equal(0L, summary.Loaded);
    }

    [SkippableTheory, ProviderData]
    public async Task InAFhirAddress_IsMappedThroughTheLookup_WhenThereIsNoLsoaExtension(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var lookup = WriteLookup(hub, "pcds,lsoa11", "ZZ1 1ZZ,E01017142");
        var patient = Patient("urn:uuid:a", Numbers[0], "1950-03-09", "female");
        patient["resource"]!.AsObject().Remove("extension");
        patient["resource"]!["address"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["use"] = "work", ["postalCode"] = "ZZ9 9ZZ" },
            new System.Text.Json.Nodes.JsonObject { ["use"] = "home", ["postalCode"] = "ZZ1 1ZZ" });
        var path = Path.Combine(hub.Folder, "patient.json");
        File.WriteAllText(path, Collection(patient));

        var summary = await hub.Ingestor().IngestFhirAsync([path], new IngestOptions { PostcodeLookupPath = lookup }, null, CancellationToken.None);

        Assert.Empty(await hub.QuarantineAsync());
        Assert.Equal(1L, summary.Loaded);
        Assert.Equal("E01017142", (await hub.PatientAsync(Numbers[0])).LsoaCode);
    }

    [Fact]
    public async Task ALookupWithoutPostcodeAndLsoaColumns_IsRefusedBeforeAnythingIsRead()
    {
        await using var hub = await IngestHarness.StartAsync(DatabaseProvider.Sqlite);
        var lookup = WriteLookup(hub, "postcode_sector,lsoa21cd", "ZZ1 1,E01017142");
        hub.Write(CsvExtractReader.Patients, Header, $"{Numbers[0]},1950-03-09,F,A,ZZ1 1ZZ,,J82001");

        var error = await Assert.ThrowsAsync<IngestException>(() => hub.IngestCsvAsync(new IngestOptions { PostcodeLookupPath = lookup }));

        Assert.Contains("a postcode lookup needs a postcode column (pcds, pcd, pcd7, pcd8, postcode) and a 2011 LSOA column (lsoa11cd, lsoa11, lsoa_code)", error.Message);
        Assert.Empty(await hub.QuarantineAsync());
    }

    private static string WriteLookup(IngestHarness hub, params string[] lines)
    {
        var path = Path.Combine(hub.Folder, "postcode-lookup.csv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
