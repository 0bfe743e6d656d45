using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Ingest;

public sealed class IngestingACsvExtract
{
    private const string PatientsHeader = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death";
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid().Take(20)];

    [SkippableTheory, ProviderData]
    public async Task AValidExtract_LoadsEveryRow_PseudonymisedWithBirthMonthOnly(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        WriteValidExtract(hub);

        var summary = await hub.IngestCsvAsync();

        Assert.Equal((9L, 9L, 0L, 0L), (summary.Read, summary.Loaded, summary.Duplicates, summary.Quarantined));
        Assert.Null(summary.QuarantineFile);
        Assert.Equal(before with { Patients = before.Patients + 2, Conditions = before.Conditions + 2, Activities = before.Activities + 3, CareFlags = before.CareFlags + 2 }, await hub.CountAsync());

        var patient = await hub.PatientAsync(Numbers[0]);
        Assert.Equal((1950, 3, Sex.Female, EthnicGroup.Asian, "E01017139", "J82001"), (patient.BirthYear, patient.BirthMonth, patient.Sex, patient.EthnicGroup, patient.LsoaCode, patient.PracticeCode));
        Assert.Equal([(ConditionRegister.HeartFailure, "84114007"), (ConditionRegister.Obesity, "162864005")], patient.Conditions.OrderBy(c => c.Register).Select(c => (c.Register, c.SnomedCode)));
        Assert.Equal([(ActivityKind.AeAttendance, (int?)null), (ActivityKind.EmergencyAdmission, 3)], patient.Activities.OrderBy(a => a.Kind).Select(a => (a.Kind, a.LengthOfStayDays)));
        Assert.Equal([CareFlagKind.EndOfLifeRegister], patient.CareFlags.Select(f => f.Kind));
        Assert.Equal(new DateOnly(2021, 6, 2), (await hub.PatientAsync(Numbers[1])).DateOfDeath);
    }

    [SkippableTheory, ProviderData]
    public async Task RunningTheSameExtractAgain_AddsNothing_AndCountsDuplicates(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        WriteValidExtract(hub);
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", $"{Numbers[0]},84114007,2019-01-01", $"{Numbers[0]},162864005,2020-02-02", "123,84114007,2019-01-01");
        await hub.IngestCsvAsync();
        var afterFirst = await hub.CountAsync();

        var second = await hub.IngestCsvAsync();

        Assert.Equal(afterFirst, await hub.CountAsync());
        Assert.Equal((10L, 0L, 9L, 1L), (second.Read, second.Loaded, second.Duplicates, second.Quarantined));

        // Next month's file is a new source: its bad row is quarantined again, under the new file's digest.
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", "123,84114007,2019-01-01", $"{Numbers[1]},13645005,2020-05-05");
        var nextMonth = await hub.IngestCsvAsync();
        Assert.Equal(afterFirst with { Conditions = afterFirst.Conditions + 1, Quarantined = afterFirst.Quarantined + 1 }, await hub.CountAsync());
        Assert.Equal((1L, 1L), (nextMonth.Loaded, nextMonth.Quarantined));
    }

    [Fact]
    public async Task Progress_ReportsEachBatch_AndTheShareOfTheInputRead_UpToAllOfIt()
    {
        await using var hub = await IngestHarness.StartAsync(DatabaseProvider.Sqlite);
        WriteValidExtract(hub);
        var reports = new List<(int Batches, long Read, double Fraction)>();
        var progress = new RecordingProgress(summary => reports.Add((summary.Batches, summary.Read, summary.InputFraction)));

        var summary = await hub.Ingestor().IngestCsvAsync(hub.Folder, new IngestOptions { BatchSize = 2 }, progress, CancellationToken.None);

        Assert.True(reports.Count >= 2, $"{reports.Count} reports for {summary.Read} records in batches of 2");
        Assert.Equal(reports.Select(r => r.Fraction).Order(), reports.Select(r => r.Fraction));
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal(summary.InputBytes, Directory.GetFiles(hub.Folder, "*.csv").Where(f => !Path.GetFileName(f).StartsWith("quarantine", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length));
    }

    private sealed class RecordingProgress(Action<IngestSummary> record) : IProgress<IngestSummary>
    {
        public void Report(IngestSummary value) => record(value);
    }

    [SkippableTheory, ProviderData]
    public async Task AfterTheStoreIsRebuilt_TheSameExtract_LoadsAgain(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        WriteValidExtract(hub);
        var first = await hub.IngestCsvAsync();

        // A rebuild replaces every patient, ingested ones too, so nothing may still count as already ingested.
        await hub.RebuildAsync(seed: 8);
        var again = await hub.IngestCsvAsync();

        Assert.Equal((first.Loaded, 0L), (again.Loaded, again.Duplicates));
    }

    [SkippableTheory, ProviderData]
    public async Task AFaultBeforeTheFirstCommit_LeavesTheStoreAsBefore(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        WriteValidExtract(hub);
        hub.Write(CsvExtractReader.CareFlags, "nhs_number,flag,recorded_on", $"{Numbers[0]},end_of_life_register,2022-01-01", "bad,carer,2022-01-01");

        await Assert.ThrowsAsync<InjectedIngestFaultException>(() => hub.IngestCsvAsync(new IngestOptions { FailBatchBeforeCommit = 1 }));

        Assert.Equal(before, await hub.CountAsync());
        Assert.Empty(Directory.EnumerateFiles(hub.Folder, "quarantine-*.csv"));
    }

    [SkippableTheory, ProviderData]
    public async Task AFaultMidway_KeepsOnlyWholeBatches_AndTheNextRunCompletesTheLoad(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        hub.Write(CsvExtractReader.Patients, [PatientsHeader, .. Numbers.Select(n => $"{n},1980-01-15,M,A,E01017139,J82001,")]);

        await Assert.ThrowsAsync<InjectedIngestFaultException>(() => hub.IngestCsvAsync(new IngestOptions { BatchSize = 8, FailBatchBeforeCommit = 2 }));
        Assert.Equal(before.Patients + 8, (await hub.CountAsync()).Patients);

        var rerun = await hub.IngestCsvAsync(new IngestOptions { BatchSize = 8 });

        Assert.Equal((8L, 12L), (rerun.Duplicates, rerun.Loaded));
        Assert.Equal(before.Patients + 20, (await hub.CountAsync()).Patients);
    }

    [SkippableTheory, ProviderData]
    public async Task EveryKindOfBadRow_IsQuarantined_ByFieldAndReason_InTableAndFile_WithoutItsIdentifiers(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        var n = Numbers;
        hub.Write(CsvExtractReader.Patients,
            PatientsHeader,
            $"{n[0]},1950-03-09,F,H,E01017139,J82001,",
            $"{n[1][..9]}9,1950-03-09,F,A,E01017139,J82001,",   // row 2: wrong check digit
            $"{n[2]}1,1950-03-09,F,A,E01017139,J82001,",         // row 3: 11 digits
            $"{n[3]},09/03/1950,F,A,E01017139,J82001,",          // row 4: date format
            $"{n[4]},2027-01-01,F,A,E01017139,J82001,",          // row 5: future birth
            $"{n[5]},1899-12-31,X,Q,E01017139,J82001,",          // row 6: before 1900, sex, ethnic category
            $"{n[6]},1950-03-09,M,A,,,",                         // row 7: no LSOA, no practice
            $"{n[7]},1950-03-09,M,A,E09999999,Y99999,",          // row 8: unknown LSOA and practice
            $"{n[8]},1950-03-09,M,A,E01017139,J82001,1949-01-01", // row 9: death before birth
            $"{n[9]},1950-03-09,M,A,E01017139,J82001,2030-01-01"); // row 10: death in the future
        hub.Write(CsvExtractReader.Conditions,
            "nhs_number,snomed_code,onset_date",
            $"{n[0]},10509002,2019-01-01",  // row 1: acute bronchitis, on no register
            $"{n[0]},,2019-01-01",          // row 2: no code
            $"{n[0]},84114007,2030-01-01",  // row 3: onset in the future
            $"{n[10]},84114007,2019-01-01"); // row 4: patient not loaded
        hub.Write(CsvExtractReader.Activity,
            "nhs_number,kind,date,length_of_stay_days",
            $"{n[0]},gp_visit,2022-01-01,",             // row 1: unknown kind
            $"{n[0]},gp_appointment,2022-01-01,2",      // row 2: stay outside an admission
            $"{n[0]},emergency_admission,2022-01-01,-1", // row 3: negative stay
            $"{n[0]},elective_admission,2022-01-01,",    // row 4: admission without a stay
            $"{n[0]},elective_admission,2022-01-01,two", // row 5: not a number
            $"{n[0]},outpatient,,");                     // row 6: no date
        hub.Write(CsvExtractReader.CareFlags, "nhs_number,flag,recorded_on,postcode", $"{n[0]},carer,2022-01-01,SO14 1AA");

        var summary = await hub.IngestCsvAsync();

        var quarantine = await hub.QuarantineAsync();
        var expected = new (string Source, string Reference, string Field, string Reason)[]
        {
            ("patients.csv", "row 2", "nhs_number", "the check digit does not match (modulus 11)"),
            ("patients.csv", "row 3", "nhs_number", "an NHS number has 10 digits, this has more"),
            ("patients.csv", "row 4", "birth_date", "not a date (yyyy-MM-dd)"),
            ("patients.csv", "row 5", "birth_date", "in the future"),
            ("patients.csv", "row 6", "birth_date", "before 1900"),
            ("patients.csv", "row 6", "sex", "sex must be F or M (female or male)"),
            ("patients.csv", "row 6", "ethnic_category", "not an NHS Data Dictionary ethnic category (A-H, J-N, P, R, S, Z or blank)"),
            ("patients.csv", "row 7", "lsoa_code", "an LSOA code or a postcode is required"),
            ("patients.csv", "row 7", "practice_code", "a practice ODS code is required"),
            ("patients.csv", "row 8", "practice_code", "no practice with this ODS code is in the store"),
            ("patients.csv", "row 8", "lsoa_code", "no LSOA with this code is in the store (2011 LSOAs of the city and its neighbours)"),
            ("patients.csv", "row 9", "date_of_death", "before the date of birth"),
            ("patients.csv", "row 10", "date_of_death", "in the future"),
            ("conditions.csv", "row 1", "snomed_code", $"the code is on no register in code list {RegisterCodeList.Version}"),
            ("conditions.csv", "row 2", "snomed_code", "a SNOMED CT code is required"),
            ("conditions.csv", "row 3", "onset_date", "in the future"),
            ("conditions.csv", "row 4", "nhs_number", "no patient with this identifier is in the store or was loaded from this extract"),
            ("activity.csv", "row 1", "kind", "not an activity kind (ae_attendance, ambulance, community_contact, elective_admission, emergency_admission, gp_appointment, nhs111_call, outpatient, social_care_contact)"),
            ("activity.csv", "row 2", "length_of_stay_days", "only admissions have a length of stay"),
            ("activity.csv", "row 3", "length_of_stay_days", "negative"),
            ("activity.csv", "row 4", "length_of_stay_days", "an admission needs its length of stay (0 for a same-day stay)"),
            ("activity.csv", "row 5", "length_of_stay_days", "not a whole number of nights"),
            ("activity.csv", "row 6", "date", "a date is required (yyyy-MM-dd)"),
            ("care_flags.csv", "header", "postcode", "unknown column (expected nhs_number, flag, recorded_on)"),
        };
        Assert.Equal(expected, quarantine.Select(q => (q.Source.Split(' ')[0], q.Reference, q.Field, q.Reason)));
        Assert.All(quarantine, q => Assert.Matches(@"^[a-z_]+\.csv sha256:[0-9a-f]{16}$", q.Source));
        Assert.Equal((20L, 1L, 19L, 1), (summary.Read, summary.Loaded, summary.Quarantined, summary.RefusedFiles));
        Assert.Equal(before.Patients + 1, (await hub.CountAsync()).Patients);

        var file = File.ReadAllLines(summary.QuarantineFile!);
        Assert.Equal("source,reference,field,reason,quarantined_at_utc", file[0]);
        Assert.Equal(expected.Length, file.Length - 1);
        Assert.Matches(@"^patients\.csv sha256:[0-9a-f]{16},row 2,nhs_number,the check digit does not match \(modulus 11\),2026-11-23T12:00:00", file[1]);
        hub.AssertNoIdentifiersWritten(n, ["1950-03-09", "SO14 1AA"]);
    }

    [SkippableTheory, ProviderData]
    public async Task AHeaderWithoutARequiredColumn_RefusesTheFile_NamingTheColumn(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,lsoa_code,practice_code,practice_code", $"{Numbers[0]},1950-03-09,F,E01017139,J82001,J82001");

        var summary = await hub.IngestCsvAsync();

        Assert.Equal([("header", "ethnic_category", "required column is missing from the header"), ("header", "practice_code", "column appears more than once in the header")],
            (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field, q.Reason)));
        Assert.Equal((0L, 1), (summary.Read, summary.RefusedFiles));
    }

    [SkippableTheory, ProviderData]
    public async Task AFileWithoutAHeaderRow_IsRefused_WithoutRepeatingTheFirstRowsValues(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Conditions, $"{Numbers[0]},84114007,2019-01-01");

        await hub.IngestCsvAsync();

        var quarantine = await hub.QuarantineAsync();
        Assert.Equal(["nhs_number", "snomed_code", "onset_date", "column 1", "column 2", "column 3"], quarantine.Select(q => q.Field));
        hub.AssertNoIdentifiersWritten([Numbers[0]], ["2019-01-01"]);
    }

    [Fact]
    public async Task AFolderWithoutAnExtract_IsRefused()
    {
        await using var hub = await IngestHarness.StartAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<IngestException>(() => hub.IngestCsvAsync());

        Assert.Contains("no CSV extract here", error.Message);
    }

    private static void WriteValidExtract(IngestHarness hub)
    {
        hub.Write(CsvExtractReader.Patients,
            PatientsHeader,
            $"{Numbers[0]},1950-03-09,F,H,E01017139,J82001,",
            $"{Numbers[1][..3]} {Numbers[1][3..6]} {Numbers[1][6..]},1931-12-01,male,,E01017140,J82002,2021-06-02");
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", $"{Numbers[0]},84114007,2019-01-01", $"{Numbers[0]},162864005,2020-02-02");
        hub.Write(CsvExtractReader.Activity, "nhs_number,kind,date,length_of_stay_days", $"{Numbers[0]},ae_attendance,2022-01-01,", $"{Numbers[0]},emergency_admission,2022-01-01,3", $"{Numbers[1]},gp_appointment,2021-01-01,");
        hub.Write(CsvExtractReader.CareFlags, "nhs_number,flag,recorded_on", $"{Numbers[0]},end_of_life_register,2022-01-01", $"{Numbers[1]},carer,2020-01-01");
    }
}
