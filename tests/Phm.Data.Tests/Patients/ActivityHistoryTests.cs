using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Phm.Data.Governance;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Tests.Patients;

/// <summary>
/// The activity histories kept at the store's reference date: after a build and after each ingest they are each patient's
/// contacts of each kind before the day, counted in the windows and over the whole history, with the nights in hospital of the
/// last year's admissions, on every provider; a store built before them, or before their bed days, gets everyone's.
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

        var (expected, kept) = (await ByHandAsync(db, day), await KeptAsync(db));

        Assert.True(expected.Count > 3_000, $"{expected.Count} histories");
        Assert.Contains(expected, h => h.EndsWith(" bed days", StringComparison.Ordinal) && !h.EndsWith(" 0 bed days", StringComparison.Ordinal));
        Assert.Equal(expected, kept);
    }

    [SkippableTheory, ProviderData]
    public async Task AStoreWhoseHistoriesWereKeptWithoutBedDays_HasThemWrittenAgainWithBedDays_WhenNextOpened(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var day = (await database.Store(population: 1_500, seed: 3).EnsureReadyAsync(CancellationToken.None)).ReferenceDate;
        await using (var db = database.Store(population: 1_500, seed: 3).CreateContext())
        {
            // Back to the store before bed days were kept: the column goes, the rows stay.
            var migrations = db.Database.GetMigrations().ToList();
            var withoutBedDays = migrations[migrations.FindIndex(m => m.EndsWith("_KeepBedDaysInActivityHistories", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(withoutBedDays);
            Assert.True(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"ActivityHistories\"").SingleAsync() > 3_000);
        }

        await database.Store(population: 1_500, seed: 3).EnsureReadyAsync(CancellationToken.None);

        await using var upgraded = database.Store(population: 1_500, seed: 3).CreateContext();
        Assert.Equal(await ByHandAsync(upgraded, day), await KeptAsync(upgraded));
    }

    /// <summary>Each patient's histories counted from the activity records by hand, in key order.</summary>
    private static async Task<List<string>> ByHandAsync(PhmDbContext db, DateOnly day)
    {
        var activities = await db.Activities.AsNoTracking().Select(a => new { a.PatientId, a.Kind, a.Date, a.LengthOfStayDays }).ToListAsync();
        var starts = ActivityHistory.WindowMonths.Select(months => day.AddMonths(-months)).ToArray();
        var bedDaysFrom = day.AddMonths(-ActivityHistory.BedDaysMonths);
        return [.. activities.Where(a => a.Date < day).GroupBy(a => (a.PatientId, a.Kind)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.PatientId} {g.Key.Kind}: {string.Join(" ", starts.Select(start => g.Count(a => a.Date >= start)))} of {g.Count()}, last {g.Max(a => a.Date)}, "
                + $"{(Activity.AdmissionKinds.Contains(g.Key.Kind) ? g.Where(a => a.Date >= bedDaysFrom).Sum(a => a.LengthOfStayDays ?? 0) : 0)} bed days")];
    }

    [SkippableTheory, ProviderData]
    public async Task ReadWhole_TheKeptHistoriesAreEveryRowInKeyOrder_AndAScopedContextReadsOnlyItsPatients(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 1_500, seed: 3);
        await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var kept = await KeptAsync(db);

        var read = Described(db.ReadKeptActivityHistories());
        db.PatientScope = PatientScope.RegisteredIn(Bitterne);
        var scopedPatients = (await db.Patients.Select(p => p.Id).ToListAsync()).ToHashSet();
        var readInScope = db.ReadKeptActivityHistories().ToList();

        Assert.Equal(kept, read);
        Assert.NotEmpty(readInScope);
        Assert.True(readInScope.Count < kept.Count / 2, $"{readInScope.Count} of {kept.Count} in one PCN");
        Assert.All(readInScope, h => Assert.Contains(h.PatientId, scopedPatients));
        Assert.Equal(kept.Where(h => scopedPatients.Contains(int.Parse(h.Split(' ')[0], CultureInfo.InvariantCulture))), Described(readInScope));
    }

    private const string Bitterne = "U97340";

    private static async Task<List<string>> KeptAsync(PhmDbContext db) =>
        Described((await db.ActivityHistories.AsNoTracking().ToListAsync()).OrderBy(h => (h.PatientId, h.Kind)));

    private static List<string> Described(IEnumerable<ActivityHistory> histories) =>
        [.. histories.Select(h => $"{h.PatientId} {h.Kind}: {h.In3Months} {h.In6Months} {h.In12Months} {h.In24Months} of {h.InHistory}, last {h.Last}, {h.BedDays} bed days")];

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

        Assert.Equal(["AeAttendance: 1 2 2 3 of 3, last 2020-12-01", "EmergencyAdmission: 1 1 1 1 of 1, last 2020-12-31, 2 bed days"], await HistoriesAsync(hub));
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
        return [.. histories.Select(h => $"{h.Kind}: {h.In3Months} {h.In6Months} {h.In12Months} {h.In24Months} of {h.InHistory}, last {h.Last:yyyy-MM-dd}{(h.BedDays > 0 ? $", {h.BedDays} bed days" : "")}")];
    }
}
