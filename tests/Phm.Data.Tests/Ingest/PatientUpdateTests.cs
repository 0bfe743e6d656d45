using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.FhirBundles;

namespace Phm.Data.Tests.Ingest;

public sealed class PatientUpdateTests
{
    private const string Header = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death";
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid(400).Take(3)];

    [SkippableTheory, ProviderData]
    public async Task UpdatesAKnownPatientsPracticeLsoaAndDeath_AndCountsThemUpdated(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, Header,
            $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001,",
            $"{Numbers[1]},1960-04-01,M,A,E01017139,J82001,",
            $"{Numbers[2]},1970-05-01,M,,E01017139,J82001,");
        await hub.IngestCsvAsync();
        var before = await hub.CountAsync();

        hub.Write(CsvExtractReader.Patients, Header,
            $"{Numbers[0]},1950-03-09,F,A,E01017140,J82002,",           // moved house and practice
            $"{Numbers[1]},1960-04-01,M,A,E01017139,J82001,2022-09-30", // died
            $"{Numbers[2]},1970-05-01,M,,E01017139,J82001,");           // unchanged
        var later = await hub.IngestCsvAsync();

        Assert.Equal((3L, 0L, 2L, 1L), (later.Read, later.Loaded, later.Updated, later.Duplicates));
        Assert.Equal(before, await hub.CountAsync());
        Assert.Equal(("J82002", "E01017140", (DateOnly?)null), await DetailsOf(hub, Numbers[0]));
        Assert.Equal(("J82001", "E01017139", (DateOnly?)new DateOnly(2022, 9, 30)), await DetailsOf(hub, Numbers[1]));

        var again = await hub.IngestCsvAsync();
        Assert.Equal((0L, 3L), (again.Updated, again.Duplicates));
    }

    [SkippableTheory, ProviderData]
    public async Task ThatOmitsADeath_KeepsTheDeathRecorded(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, Header, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001,2022-01-31");
        await hub.IngestCsvAsync();

        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        var withoutDeaths = await hub.IngestCsvAsync();
        File.WriteAllText(Path.Combine(hub.Folder, "patient.json"), Collection(Patient("urn:uuid:a", Numbers[0], "1950-03-09", "female", ethnicCategory: "A")));
        var fhir = await hub.IngestFhirAsync(Path.Combine(hub.Folder, "patient.json"));

        Assert.Equal((0L, 1L), (withoutDeaths.Updated, withoutDeaths.Duplicates));
        Assert.Equal((0L, 1L), (fhir.Updated, fhir.Duplicates));
        Assert.Equal(new DateOnly(2022, 1, 31), (await DetailsOf(hub, Numbers[0])).Death);
    }

    [SkippableTheory, ProviderData]
    public async Task InFhir_RecordsADeathForAKnownPatient(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var path = Path.Combine(hub.Folder, "patient.json");
        File.WriteAllText(path, Collection(Patient("urn:uuid:a", Numbers[0], "1950-03-09", "female")));
        await hub.IngestFhirAsync(path);

        File.WriteAllText(path, Collection(Patient("urn:uuid:a", Numbers[0], "1950-03-09", "female", deceased: new() { ["deceasedDateTime"] = "2023-02-03T10:00:00Z" })));
        var later = await hub.IngestFhirAsync(path);

        Assert.Equal(1L, later.Updated);
        Assert.Equal(new DateOnly(2023, 2, 3), (await DetailsOf(hub, Numbers[0])).Death);
    }

    [SkippableTheory, ProviderData]
    public async Task WhoseRecordIsRefused_KeepsTheirDetails_AndTheirOtherRecordsStillJoinThem(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var path = Path.Combine(hub.Folder, "patient.json");
        File.WriteAllText(path, Collection(Patient("urn:uuid:a", Numbers[0], "1950-03-09", "female")));
        await hub.IngestFhirAsync(path);

        File.WriteAllText(path, Collection(
            Patient("urn:uuid:a", Numbers[0], "1950-03-09", "unknown"),
            Resource("Condition", "urn:uuid:a", new() { ["code"] = Snomed("84114007"), ["onsetDateTime"] = "2022-05-01" })));
        var later = await hub.IngestFhirAsync(path);

        Assert.Equal((1L, 1L, 0L), (later.Quarantined, later.Loaded, later.Updated));
        Assert.Equal([("entry 0 (Patient)", "gender")], (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field)));
        Assert.Equal(("J82001", "E01017139", (DateOnly?)null), await DetailsOf(hub, Numbers[0]));
    }

    private static async Task<(string Practice, string Lsoa, DateOnly? Death)> DetailsOf(IngestHarness hub, string nhsNumber)
    {
        var patient = await hub.PatientAsync(nhsNumber);
        return (patient.PracticeCode, patient.LsoaCode, patient.DateOfDeath);
    }
}
