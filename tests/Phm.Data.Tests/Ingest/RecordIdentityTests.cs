using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.FhirBundles;

namespace Phm.Data.Tests.Ingest;

/// <summary>A source record is known by its identity (docs/ingest.md, "What identifies a record"), not by its content.</summary>
public sealed class RecordIdentityTests
{
    private const string PatientsHeader = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code";
    private const string ActivityHeader = "record_id,nhs_number,kind,date,length_of_stay_days";
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid(800).Take(2)];
    private static readonly DateOnly AttendedOn = new(2024, 3, 1);

    [SkippableTheory, ProviderData]
    public async Task TwoSameDayAeAttendances_WithRecordIds_LoadAsTwo_AndTheSameExtractAgainLoadsNothing(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, PatientsHeader, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"AE-0001-{Numbers[1]},{Numbers[0]},ae_attendance,2024-03-01,", $"AE-0002,{Numbers[0]},ae_attendance,2024-03-01,");

        var first = await hub.IngestCsvAsync();
        var afterFirst = await hub.CountAsync();
        var again = await hub.IngestCsvAsync();

        Assert.Equal((3L, 0L, 0L), (first.Loaded, first.Duplicates, first.MergedWithoutRecordId));
        Assert.Equal([AttendedOn, AttendedOn], (await hub.PatientAsync(Numbers[0])).Activities.Where(a => a.Kind == ActivityKind.AeAttendance).Select(a => a.Date));
        Assert.Equal((0L, 3L, 0L, 0L), (again.Loaded, again.Duplicates, again.MergedWithoutRecordId, again.Updated));
        Assert.Equal(afterFirst, await hub.CountAsync());
        // The ledger keeps a keyed hash of each record id, never the id: one of them holds an NHS number.
        hub.AssertNoIdentifiersWritten(Numbers, ["AE-0001", "AE-0002"]);
    }

    [SkippableTheory, ProviderData]
    public async Task TwoSameDayAeAttendances_WithoutRecordIds_AreMerged_AndTheSummarySaysSo(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, PatientsHeader, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, "nhs_number,kind,date,length_of_stay_days", $"{Numbers[0]},ae_attendance,2024-03-01,", $"{Numbers[0]},ae_attendance,2024-03-01,");

        var summary = await hub.IngestCsvAsync();

        Assert.Equal((2L, 0L, 1L), (summary.Loaded, summary.Duplicates, summary.MergedWithoutRecordId));
        Assert.Single((await hub.PatientAsync(Numbers[0])).Activities);
        Assert.Contains("merged (no record id) 1", summary.ToString());
    }

    [SkippableTheory, ProviderData]
    public async Task ACsvRecordChangedInALaterExtract_UpdatesItsRow_AndCountsUpdated(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, PatientsHeader, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"7,{Numbers[0]},ae_attendance,2024-03-01,", $"8,{Numbers[0]},ae_attendance,2024-03-01,");
        await hub.IngestCsvAsync();
        var before = await hub.CountAsync();

        // Record 8 was an admission after all, and stayed two nights.
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"7,{Numbers[0]},ae_attendance,2024-03-01,", $"8,{Numbers[0]},emergency_admission,2024-03-01,2");
        var later = await hub.IngestCsvAsync();

        Assert.Equal((0L, 1L, 2L), (later.Loaded, later.Updated, later.Duplicates));
        Assert.Equal(before, await hub.CountAsync());
        Assert.Equal([(ActivityKind.AeAttendance, (int?)null), (ActivityKind.EmergencyAdmission, 2)],
            (await hub.PatientAsync(Numbers[0])).Activities.OrderBy(a => a.Kind).Select(a => (a.Kind, a.LengthOfStayDays)));
        var again = await hub.IngestCsvAsync();
        Assert.Equal((0L, 0L, 3L), (again.Loaded, again.Updated, again.Duplicates));
    }

    [SkippableTheory, ProviderData]
    public async Task TwoSameDayFhirAeAttendances_LoadAsTwo_AndAChangedOneUpdates(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var path = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(path, Collection(Patient("urn:uuid:p", Numbers[0], "1950-03-09", "female"), Attendance("e1", "2024-03-01T02:10:00Z"), Attendance("e2", "2024-03-01T20:45:00Z")));

        var first = await hub.IngestFhirAsync(path);
        var again = await hub.IngestFhirAsync(path);
        File.WriteAllText(path, Collection(Patient("urn:uuid:p", Numbers[0], "1950-03-09", "female"), Attendance("e1", "2024-03-01T02:10:00Z"), Attendance("e2", "2024-03-02T00:15:00Z")));
        var corrected = await hub.IngestFhirAsync(path);

        Assert.Equal((3L, 0L), (first.Loaded, first.Duplicates));
        Assert.Equal((0L, 3L), (again.Loaded, again.Duplicates));
        Assert.Equal((0L, 1L, 2L), (corrected.Loaded, corrected.Updated, corrected.Duplicates));
        Assert.Equal([AttendedOn, AttendedOn.AddDays(1)], (await hub.PatientAsync(Numbers[0])).Activities.Select(a => a.Date).Order());
    }

    [SkippableTheory, ProviderData]
    public async Task AFhirIdentifier_IdentifiesTheRecord_WhateverItsLogicalIdAndSourceSystem(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var path = Path.Combine(hub.Folder, "bundle.json");
        var identifier = new JsonObject { ["system"] = "https://trust.example/Id/ae-attendance", ["value"] = "A123" };
        File.WriteAllText(path, Collection(Patient("urn:uuid:p", Numbers[0], "1950-03-09", "female"), Attendance("e1", "2024-03-01T02:10:00Z", identifier)));
        await hub.IngestFhirAsync(path);

        // The same attendance, sent by the trust's new server under a new logical id.
        File.WriteAllText(path, Collection(Patient("urn:uuid:p", Numbers[0], "1950-03-09", "female"), Attendance("0f3c", "2024-03-01T02:10:00Z", identifier)));
        var moved = await hub.Ingestor().IngestFhirAsync([path], new IngestOptions { SourceSystem = "trust-fhir-2" }, null, CancellationToken.None);

        Assert.Equal((0L, 2L), (moved.Loaded, moved.Duplicates));
        Assert.Single((await hub.PatientAsync(Numbers[0])).Activities);
    }

    [SkippableTheory, ProviderData]
    public async Task ALogicalId_IsQualifiedByTheSourceSystem_AndOneNamingAnotherPatientsRecordIsRefused(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var path = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(path, Collection(Patient("urn:uuid:p", Numbers[0], "1950-03-09", "female"), Patient("urn:uuid:q", Numbers[1], "1960-01-01", "male"), Attendance("1", "2024-03-01")));
        await hub.IngestFhirAsync(path);

        // Another system numbers its encounters from 1 too.
        var otherSystem = await hub.Ingestor().IngestFhirAsync([path], new IngestOptions { SourceSystem = "community-trust" }, null, CancellationToken.None);
        // The first system's encounter 1 again, but for another patient.
        File.WriteAllText(path, Collection(Patient("urn:uuid:q", Numbers[1], "1960-01-01", "male"), Attendance("1", "2024-03-01", subject: "urn:uuid:q")));
        var moved = await hub.IngestFhirAsync(path);

        Assert.Equal((1L, 2L), (otherSystem.Loaded, otherSystem.Duplicates));
        Assert.Equal(2, (await hub.PatientAsync(Numbers[0])).Activities.Count);
        Assert.Equal((0L, 1L), (moved.Loaded, moved.Quarantined));
        Assert.Contains("another patient", (await hub.QuarantineAsync()).Single(q => q.Reference == "entry 1 (Encounter)").Reason);
        Assert.Empty((await hub.PatientAsync(Numbers[1])).Activities);
    }

    [SkippableTheory, ProviderData]
    public async Task ALedgerFromAnEarlierVersion_StillKnowsItsRecords_AndRecordIdsTakeThemOver(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, PatientsHeader, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, "nhs_number,kind,date,length_of_stay_days", $"{Numbers[0]},ae_attendance,2024-03-01,", $"{Numbers[0]},gp_appointment,2024-03-04,");
        await hub.IngestCsvAsync();
        // Earlier versions kept only the content key of each record.
        await using (var db = hub.Store.CreateContext())
            await db.IngestedRecords.ExecuteUpdateAsync(r => r.SetProperty(x => x.RowId, (long?)null).SetProperty(x => x.PatientId, (int?)null));
        var before = await hub.CountAsync();

        var sameExtract = await hub.IngestCsvAsync();
        // The same records with ids, one of them changed, and a second attendance that day the old ledger had merged.
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"1,{Numbers[0]},ae_attendance,2024-03-01,", $"2,{Numbers[0]},ae_attendance,2024-03-01,", $"3,{Numbers[0]},gp_appointment,2024-03-04,");
        var withIds = await hub.IngestCsvAsync();
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"1,{Numbers[0]},ae_attendance,2024-03-01,", $"2,{Numbers[0]},ae_attendance,2024-03-01,", $"3,{Numbers[0]},outpatient,2024-03-04,");
        var changed = await hub.IngestCsvAsync();

        Assert.Equal((0L, 2L), (sameExtract.Loaded, sameExtract.MergedWithoutRecordId));
        Assert.Equal((1L, 3L), (withIds.Loaded, withIds.Duplicates));
        Assert.Equal((0L, 1L), (changed.Loaded, changed.Updated));
        Assert.Equal(before with { Activities = before.Activities + 1 }, await hub.CountAsync());
        Assert.Equal([(ActivityKind.AeAttendance, AttendedOn), (ActivityKind.AeAttendance, AttendedOn), (ActivityKind.Outpatient, new DateOnly(2024, 3, 4))],
            (await hub.PatientAsync(Numbers[0])).Activities.OrderBy(a => a.Kind).Select(a => (a.Kind, a.Date)));
    }

    private static JsonObject Attendance(string id, string start, JsonObject? identifier = null, string subject = "urn:uuid:p")
    {
        var fields = new JsonObject { ["id"] = id, ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "EMER" }, ["period"] = new JsonObject { ["start"] = start } };
        if (identifier is not null)
            fields["identifier"] = new JsonArray(identifier.DeepClone());
        return Resource("Encounter", subject, fields);
    }
}
