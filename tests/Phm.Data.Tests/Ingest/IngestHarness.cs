using System.Text;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Terminology;
using Phm.Data.Patients;
using Phm.Data.Pseudonymisation;
using Phm.Data.Store;

namespace Phm.Data.Tests.Ingest;

/// <summary>
/// A built store (a small generated population gives it practices and LSOAs), a folder for extracts and an ingestor
/// with its own key, on a fixed day.
/// </summary>
public sealed class IngestHarness : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    private readonly TestDatabase _database;

    private IngestHarness(TestDatabase database, PhmStore store)
    {
        _database = database;
        Store = store;
        Directory.CreateDirectory(Folder);
        Pseudonymiser = new Pseudonymiser(PseudonymisationKey.LoadOrCreate(Folder + ".key"));
    }

    public PhmStore Store { get; private set; }

    /// <summary>Rebuilds the store from other settings, as a changed seed does on the hub's next start.</summary>
    public async Task RebuildAsync(int seed)
    {
        Store = _database.Store(200, seed);
        await Store.EnsureReadyAsync(CancellationToken.None);
    }

    public Pseudonymiser Pseudonymiser { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "phm-ingest-" + Guid.NewGuid().ToString("N"));

    public static async Task<IngestHarness> StartAsync(DatabaseProvider provider)
    {
        var database = TestDatabase.For(provider);
        var store = database.Store(200, 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        return new IngestHarness(database, store);
    }

    public Ingestor Ingestor() => new(Store, Pseudonymiser, RegisterCodeList.Load(TestReference.Directory), new FixedClock());

    public Task<IngestSummary> IngestCsvAsync(IngestOptions? options = null) =>
        Ingestor().IngestCsvAsync(Folder, options ?? new IngestOptions(), null, CancellationToken.None);

    public Task<IngestSummary> IngestFhirAsync(params string[] paths) =>
        Ingestor().IngestFhirAsync(paths, new IngestOptions(), null, CancellationToken.None);

    public void Write(string file, params string[] lines) =>
        File.WriteAllText(Path.Combine(Folder, file), string.Join('\n', lines) + "\n", Encoding.UTF8);

    public string PseudonymOf(string nhsNumber)
    {
        Assert.True(NhsNumber.TryParse(nhsNumber, out var number, out _));
        return Pseudonymiser.Pseudonymise(number);
    }

    public async Task<StoreCounts> CountAsync()
    {
        await using var db = Store.CreateContext();
        return new StoreCounts(await db.Patients.CountAsync(), await db.Conditions.CountAsync(), await db.Activities.CountAsync(), await db.CareFlags.CountAsync(),
            await db.Prescriptions.CountAsync(), await db.Procedures.CountAsync(), await db.Quarantine.CountAsync());
    }

    /// <summary>The patient with this NHS number, with all their records, as the store holds them.</summary>
    public async Task<Patient> PatientAsync(string nhsNumber)
    {
        await using var db = Store.CreateContext();
        var pseudonym = PseudonymOf(nhsNumber);
        return await db.Patients.AsNoTracking().AsSplitQuery()
            .Include(p => p.Conditions).Include(p => p.Activities).Include(p => p.CareFlags).Include(p => p.Prescriptions).Include(p => p.Procedures)
            .SingleAsync(p => p.Pseudonym == pseudonym);
    }

    /// <summary>Neither the NHS numbers fed in (as written, or grouped 3-3-4) nor other identifying values appear in any file written.</summary>
    public void AssertNoIdentifiersWritten(IEnumerable<string> nhsNumbers, IEnumerable<string> others)
    {
        var needles = nhsNumbers.SelectMany(n => new[] { n, $"{n[..3]} {n[3..6]} {n[6..]}" }).Concat(others).ToList();
        foreach (var path in WrittenFiles())
        {
            var content = Encoding.Latin1.GetString(File.ReadAllBytes(path));
            Assert.All(needles, needle => Assert.False(content.Contains(needle, StringComparison.Ordinal), $"'{needle}' is in {Path.GetFileName(path)}"));
        }
    }

    public async Task<List<QuarantinedRecord>> QuarantineAsync()
    {
        await using var db = Store.CreateContext();
        return await db.Quarantine.OrderBy(q => q.Id).ToListAsync();
    }

    /// <summary>Every file ingest wrote, where an identifier could leak: the quarantine files and the SQLite database.</summary>
    private IEnumerable<string> WrittenFiles()
    {
        // Closing the pooled connections checkpoints the write-ahead log into the database and removes it with its
        // shared-memory file, so the files listed are the ones that stay, and none vanishes while it is read.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Directory.EnumerateFiles(Folder, "quarantine-*.csv")
            .Concat(_database.Provider == DatabaseProvider.Sqlite ? Directory.EnumerateFiles(Path.GetDirectoryName(Store.FilePath)!) : []);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
        File.Delete(Folder + ".key");
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}

public sealed record StoreCounts(int Patients, int Conditions, int Activities, int CareFlags, int Prescriptions, int Procedures, int Quarantined);

/// <summary>Valid NHS numbers in the test range 999 000 0000 – 999 999 9999, which are never issued.</summary>
public static class TestNhsNumbers
{
    public static IEnumerable<string> Valid(int start = 0)
    {
        for (var n = start; ; n++)
        {
            var firstNine = "999" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(firstNine) is { } check)
                yield return firstNine + check;
        }
    }
}
