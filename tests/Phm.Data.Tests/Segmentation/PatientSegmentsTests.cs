using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Segmentation;
using Phm.Data.Store;
using static Phm.Data.Segmentation.BridgesToHealthSegment;

namespace Phm.Data.Tests.Segmentation;

/// <summary>
/// The segment each living patient is in at the store's reference date, as written with the store: a few patients' segments
/// written again agree with those the build wrote for everyone, and each ingest rewrites the segments of the patients it
/// touches, on every provider.
/// </summary>
public sealed class PatientSegmentsTests
{
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid().Take(1)];

    [SkippableTheory, ProviderData]
    public async Task SomePatientsSegmentsWrittenAgain_AreThoseTheBuildWrote_AndTheDeadHaveNone(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 1_500, seed: 3);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var built = await SegmentsAsync(db);
        var living = await db.Patients.AliveOn(manifest.ReferenceDate).Select(p => p.Id).OrderBy(id => id).ToListAsync();
        int[] some = [.. (await db.Patients.Select(p => p.Id).ToListAsync()).Where(id => id % 7 == 0)];

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await SegmentRules.WriteSegmentsAsync(db, manifest.ReferenceDate, some, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(living, built.Select(s => s.PatientId));
        Assert.Equal(built, await SegmentsAsync(db));
        Assert.True(built.Select(s => s.Segment).Distinct().Count() >= 5, "the generated population spans the segments");
    }

    [SkippableTheory, ProviderData]
    public async Task ABatchOfTensOfThousandsOfPatients_IsWrittenAgain_PastEachProvidersLimitOfParameters(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 300, seed: 3);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var built = await SegmentsAsync(db);
        // An ingest's batch of 40,000 patients: more than SQLite takes parameters in a statement (32,766), let alone SQL Server (2,100).
        int[] batch = [.. Enumerable.Range(1, 40_000)];

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await RegisterRules.WriteRegistersHeldAsync(db, manifest.ReferenceDate, batch, CancellationToken.None);
            await SegmentRules.WriteSegmentsAsync(db, manifest.ReferenceDate, batch, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(built, await SegmentsAsync(db));
    }

    [SkippableTheory, ProviderData]
    public async Task EachIngest_RewritesTheSegmentsOfThePatientsItTouches(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        DateOnly day;
        await using (var db = hub.Store.CreateContext())
            day = await db.Manifest.Select(m => m.ReferenceDate).SingleAsync();
        string DaysBefore(int days) => day.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string patients = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death";
        hub.Write(CsvExtractReader.Patients, patients, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001,");
        await hub.IngestCsvAsync();
        Assert.Equal(Healthy, await SegmentAsync(hub));

        hub.Write(CsvExtractReader.Activity, "nhs_number,kind,date,length_of_stay_days", $"{Numbers[0]},ae_attendance,{DaysBefore(30)},");
        await hub.IngestCsvAsync();
        Assert.Equal(AcutelyIll, await SegmentAsync(hub));

        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", $"{Numbers[0]},10725009,2015-05-01");  // hypertension
        await hub.IngestCsvAsync();
        Assert.Equal(ChronicConditionsLowComplexity, await SegmentAsync(hub));

        hub.Write(CsvExtractReader.CareFlags, "nhs_number,flag,recorded_on", $"{Numbers[0]},end_of_life_register,{DaysBefore(10)}");
        await hub.IngestCsvAsync();
        Assert.Equal(IncurableCancerAndEndOfLife, await SegmentAsync(hub));

        hub.Write(CsvExtractReader.Patients, patients, $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001,{DaysBefore(5)}");
        await hub.IngestCsvAsync();
        Assert.Null(await SegmentAsync(hub));
    }

    private static async Task<List<(int PatientId, BridgesToHealthSegment Segment)>> SegmentsAsync(PhmDbContext db) =>
        [.. (await db.PatientSegments.OrderBy(s => s.PatientId).Select(s => new { s.PatientId, s.Segment }).ToListAsync()).Select(s => (s.PatientId, s.Segment))];

    /// <summary>The ingested patient's segment, or null when they have none (dead by the reference date).</summary>
    private static async Task<BridgesToHealthSegment?> SegmentAsync(IngestHarness hub)
    {
        await using var db = hub.Store.CreateContext();
        var pseudonym = hub.PseudonymOf(Numbers[0]);
        return await db.PatientSegments.Where(s => db.Patients.Any(p => p.Pseudonym == pseudonym && p.Id == s.PatientId))
            .Select(s => (BridgesToHealthSegment?)s.Segment).SingleOrDefaultAsync();
    }
}
