using System.Globalization;
using System.Text.Json.Nodes;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.FhirBundles;

namespace Phm.Data.Tests.Ingest;

/// <summary>
/// Ingest looks up what each batch refers to (its patients, its ledger entries) rather than reading the whole store first:
/// what it makes of a record must not depend on the batch the record falls in, nor on the run.
/// </summary>
public sealed class BatchLookupTests
{
    private const string PatientsHeader = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code";
    private const string ActivityHeader = "record_id,nhs_number,kind,date,length_of_stay_days";
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid(6000).Take(2)];

    [SkippableTheory, ProviderData]
    public async Task APatientOfAnEarlierBatchOfTheRun_TakesTheirRecords_AndTheirLaterRowsAreDuplicatesOrUpdates(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        hub.Write(CsvExtractReader.Patients, PatientsHeader,
            $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001",
            $"{Numbers[1]},1960-04-01,M,A,E01017139,J82001",
            $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001",  // the same again, batches later
            $"{Numbers[1]},1960-04-01,M,A,E01017140,J82002"); // moved house and practice since
        hub.Write(CsvExtractReader.Activity, ActivityHeader,
            $"1,{Numbers[0]},ae_attendance,2024-03-01,",
            $"2,{Numbers[1]},gp_appointment,2024-03-04,",
            $",{Numbers[0]},outpatient,2024-05-01,",
            $"1,{Numbers[0]},ae_attendance,2024-03-01,",
            $",{Numbers[0]},outpatient,2024-05-01,");

        // A batch of one record: every record's patient and ledger entry come from an earlier batch of the run.
        var summary = await hub.IngestCsvAsync(new IngestOptions { BatchSize = 1 });

        Assert.Equal((9L, 5L, 1L, 2L, 1L, 0L), (summary.Read, summary.Loaded, summary.Updated, summary.Duplicates, summary.MergedWithoutRecordId, summary.Quarantined));
        Assert.Equal(before with { Patients = before.Patients + 2, Activities = before.Activities + 3 }, await hub.CountAsync());
        var moved = await hub.PatientAsync(Numbers[1]);
        Assert.Equal(("J82002", "E01017140"), (moved.PracticeCode, moved.LsoaCode));
        Assert.Equal(new[] { ActivityKind.AeAttendance, ActivityKind.Outpatient }.Order(), (await hub.PatientAsync(Numbers[0])).Activities.Select(a => a.Kind).Order());
    }

    [SkippableTheory, ProviderData]
    public async Task RowsReingestedInALaterRun_AreFoundInTheStore_WhicheverBatchTheyFallIn(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, PatientsHeader,
            $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001",
            $"{Numbers[1]},1960-04-01,M,A,E01017139,X99999");
        hub.Write(CsvExtractReader.Activity, ActivityHeader,
            $"1,{Numbers[0]},ae_attendance,2024-03-01,",
            $"2,{Numbers[0]},gp_appointment,2024-03-04,",
            $",{Numbers[0]},outpatient,2024-05-01,");
        await hub.IngestCsvAsync();
        var afterFirst = await hub.CountAsync();

        hub.Write(CsvExtractReader.Activity, ActivityHeader,
            $"1,{Numbers[0]},ae_attendance,2024-03-01,",
            $"2,{Numbers[0]},outpatient,2024-03-04,", // changed since
            $",{Numbers[0]},outpatient,2024-05-01,");
        var again = await hub.IngestCsvAsync(new IngestOptions { BatchSize = 2 });

        Assert.Equal((0L, 1L, 2L, 1L, 1L), (again.Loaded, again.Updated, again.Duplicates, again.MergedWithoutRecordId, again.Quarantined));
        // The refused patient's row is quarantined once, whichever run refuses it.
        Assert.Equal(afterFirst, await hub.CountAsync());
        Assert.Equal(new[] { ActivityKind.AeAttendance, ActivityKind.Outpatient, ActivityKind.Outpatient }.Order(), (await hub.PatientAsync(Numbers[0])).Activities.Select(a => a.Kind).Order());
    }

    [SkippableTheory, ProviderData]
    public async Task ARefusedFhirPatientTheStoreHolds_StillTakesTheRecordsThatFollowIt(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, PatientsHeader, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        await hub.IngestCsvAsync();
        var refused = Patient("urn:uuid:p", Numbers[0], "1950-03-09", "female", ethnicCategory: "A");
        refused["resource"]!["generalPractitioner"]![0]!["identifier"]!["value"] = "X99999";
        var attendance = Resource("Encounter", "urn:uuid:p", new JsonObject
        {
            ["id"] = "e1", ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "EMER" }, ["period"] = new JsonObject { ["start"] = "2024-03-01" },
        });
        var bundle = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(bundle, Collection(refused, attendance));

        var summary = await hub.IngestFhirAsync(bundle);

        Assert.Equal((1L, 1L), (summary.Quarantined, summary.Loaded));
        var patient = await hub.PatientAsync(Numbers[0]);
        Assert.Equal("J82001", patient.PracticeCode);
        Assert.Equal(ActivityKind.AeAttendance, Assert.Single(patient.Activities).Kind);
    }

    /// <summary>More keys than SQL Server takes parameters (2,100) in one batch's lookups, in the run that loads them and the run that finds them.</summary>
    [SkippableTheory, ProviderData]
    public async Task ABatchLookingUpMoreKeysThanAStatementTakesParameters_LoadsThenFindsThemAll(DatabaseProvider provider)
    {
        const int patients = 2_500;
        await using var hub = await IngestHarness.StartAsync(provider);
        var numbers = TestNhsNumbers.Valid(10_000).Take(patients).ToList();
        hub.Write(CsvExtractReader.Patients, [PatientsHeader, .. numbers.Select(n => $"{n},1950-03-09,F,A,E01017139,J82001")]);
        hub.Write(CsvExtractReader.Activity, [ActivityHeader, .. numbers.SelectMany((n, i) => new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"{i},{n},ae_attendance,2024-03-01,"),
            $",{n},gp_appointment,2024-03-04,",
        })]);

        var first = await hub.IngestCsvAsync();
        var afterFirst = await hub.CountAsync();
        var again = await hub.IngestCsvAsync();

        Assert.Equal((1, 3L * patients), (first.Batches, first.Loaded));
        Assert.Equal((0L, 2L * patients, (long)patients), (again.Loaded, again.Duplicates, again.MergedWithoutRecordId));
        Assert.Equal(afterFirst, await hub.CountAsync());
    }
}
