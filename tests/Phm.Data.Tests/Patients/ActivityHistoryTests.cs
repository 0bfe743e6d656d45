using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Tests.Patients;

/// <summary>
/// The activity histories kept at the store's reference date: after a build and after each ingest they are each patient's
/// contacts of each kind before the day, counted in the windows and over the whole history, on every provider; a store built
/// before them gets everyone's before an ingest's own.
/// </summary>
public sealed class ActivityHistoryTests
{
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid().Take(1)];
    private const string ActivityHeader = "nhs_number,kind,date,length_of_stay_days";

    [SkippableTheory, ProviderData]
    public async Task AfterABuild_EveryPatientsHistoriesAreTheirContactsBeforeTheReferenceDate_CountedInEachWindow(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 1_500, seed: 3);
        var day = (await store.EnsureReadyAsync(CancellationToken.None)).ReferenceDate;
        await using var db = store.CreateContext();
        var activities = await db.Activities.AsNoTracking().Select(a => new { a.PatientId, a.Kind, a.Date }).ToListAsync();

        var starts = ActivityHistory.WindowMonths.Select(months => day.AddMonths(-months)).ToArray();
        var expected = activities.Where(a => a.Date < day).GroupBy(a => (a.PatientId, a.Kind)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.PatientId} {g.Key.Kind}: {string.Join(" ", starts.Select(start => g.Count(a => a.Date >= start)))} of {g.Count()}, last {g.Max(a => a.Date)}")
            .ToList();
        var kept = (await db.ActivityHistories.AsNoTracking().ToListAsync()).OrderBy(h => (h.PatientId, h.Kind))
            .Select(h => $"{h.PatientId} {h.Kind}: {h.In3Months} {h.In6Months} {h.In12Months} {h.In24Months} of {h.InHistory}, last {h.Last}")
            .ToList();

        Assert.True(expected.Count > 3_000, $"{expected.Count} histories");
        Assert.Equal(expected, kept);
    }

    [SkippableTheory, ProviderData]
    public async Task EachIngest_RewritesTheHistoriesOfThePatientsItTouches(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"{Numbers[0]},ae_attendance,2020-12-01,", $"{Numbers[0]},ae_attendance,2019-06-01,");
        await hub.IngestCsvAsync();
        Assert.Equal(["AeAttendance: 1 1 1 2 of 2, last 2020-12-01"], await HistoriesAsync(hub));

        hub.Write(CsvExtractReader.Activity, ActivityHeader,
            $"{Numbers[0]},ae_attendance,2020-08-15,",
            $"{Numbers[0]},emergency_admission,2020-12-31,2",
            $"{Numbers[0]},emergency_admission,2021-01-01,1");   // on the reference date: not before it
        await hub.IngestCsvAsync();

        Assert.Equal(["AeAttendance: 1 2 2 3 of 3, last 2020-12-01", "EmergencyAdmission: 1 1 1 1 of 1, last 2020-12-31"], await HistoriesAsync(hub));
    }

    [SkippableTheory, ProviderData]
    public async Task AnIngestIntoAStoreBuiltWithoutActivityHistories_WritesEveryonesFirst_NotOnlyThoseOfItsOwnPatients(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        int built;
        await using (var db = hub.Store.CreateContext())
            built = await db.ActivityHistories.ExecuteDeleteAsync();
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, ActivityHeader, $"{Numbers[0]},gp_appointment,2020-01-01,");

        await hub.IngestCsvAsync();

        await using var ingested = hub.Store.CreateContext();
        Assert.True(built > 0, "the built store kept histories to take away");
        Assert.Equal(built + 1, await ingested.ActivityHistories.CountAsync());
        Assert.Equal(["GpAppointment: 0 0 1 1 of 1, last 2020-01-01"], await HistoriesAsync(hub));
    }

    private static async Task<List<string>> HistoriesAsync(IngestHarness hub)
    {
        await using var db = hub.Store.CreateContext();
        var pseudonym = hub.PseudonymOf(Numbers[0]);
        var histories = await db.ActivityHistories.Where(h => db.Patients.Any(p => p.Pseudonym == pseudonym && p.Id == h.PatientId))
            .OrderBy(h => h.Kind).ToListAsync();
        return [.. histories.Select(h => $"{h.Kind}: {h.In3Months} {h.In6Months} {h.In12Months} {h.In24Months} of {h.InHistory}, last {h.Last:yyyy-MM-dd}")];
    }
}
