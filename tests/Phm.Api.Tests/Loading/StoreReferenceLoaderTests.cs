using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Loading;

/// <summary>
/// Reference data (the reference date, LSOAs, practices, PCNs, memberships) and the manifest's stamp that names its build are held
/// in memory between requests. A rebuild or an ingest by this process is seen by the next request; one by another process (nothing
/// tells this one) once <see cref="PhmOptions.StoreCheckInterval"/> has passed since the stamp was last read; in between, requests
/// read nothing of it from the store. Ingest changes patients, never reference data, and patients are never held.
/// </summary>
[Collection(StoreChangesCollection.Name)]
public sealed class StoreReferenceLoaderTests : IAsyncLifetime
{
    private const string PracticesQuery = "{ practices { code name pcn { code } } pcn(code: \"" + Central + "\") { practices { code } } }";
    private const string PatientsOfAlpha = "{ patients(first: 50, filter: { practice: \"" + Alpha + "\" }) { totalCount items { id lsoa { code } } } }";

    private readonly ManualClock _clock = new();
    private TestStore? _store;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        _host = SchemaHost.Over(_store.Path, _clock);
    }

    [Fact]
    public async Task Practices_OnceHeld_CostNoQueryWithinTheCheckInterval()
    {
        await _host.ExecuteAsync(PracticesQuery);
        _host.Commands.Reset();

        var response = await _host.ExecuteAsync(PracticesQuery);

        Assert.Equal(3, response.Data.GetProperty("practices").GetArrayLength());
        Assert.Empty(_host.Commands.Commands);
    }

    [Fact]
    public async Task Practices_OnceTheCheckIntervalHasPassed_CostOneQueryOfTheManifest()
    {
        await _host.ExecuteAsync(PracticesQuery);
        _clock.Advance(new PhmOptions().StoreCheckInterval);
        _host.Commands.Reset();

        await _host.ExecuteAsync(PracticesQuery);

        var command = Assert.Single(_host.Commands.Commands);
        Assert.Contains("\"Manifest\"", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practices_AfterThisProcessRebuildsTheStoreWithOtherReferenceData_AreTheNewOnes_OnTheNextRequest()
    {
        var before = await _host.ExecuteAsync(PracticesQuery);
        await RebuildWithAlphaMovedToCentralAsync();
        StoreChanges.Record();

        var after = await _host.ExecuteAsync(PracticesQuery);

        Assert.Equal(("Alpha Surgery", North, Beta), AlphaAndCentralOf(before));
        Assert.Equal(("Alpha Medical Centre", Central, $"{Alpha}, {Beta}"), AlphaAndCentralOf(after));
    }

    [Fact]
    public async Task Practices_AfterAnotherProcessRebuildsTheStoreWithOtherReferenceData_AreTheNewOnes_OnceTheCheckIntervalHasPassed()
    {
        var before = await _host.ExecuteAsync(PracticesQuery);
        await RebuildWithAlphaMovedToCentralAsync();

        var within = await _host.ExecuteAsync(PracticesQuery);
        _clock.Advance(new PhmOptions().StoreCheckInterval);
        var after = await _host.ExecuteAsync(PracticesQuery);

        Assert.Equal(("Alpha Surgery", North, Beta), AlphaAndCentralOf(before));
        Assert.Equal(AlphaAndCentralOf(before), AlphaAndCentralOf(within));
        Assert.Equal(("Alpha Medical Centre", Central, $"{Alpha}, {Beta}"), AlphaAndCentralOf(after));
    }

    [Fact]
    public async Task Patients_AfterAnIngestByAnotherProcess_IncludeTheIngestedPatientAndItsLsoa_OnTheNextRequest()
    {
        var before = await _host.ExecuteAsync(PatientsOfAlpha);
        await using (var db = _store!.OpenContext())
        {
            db.Patients.Add(new Patient
            {
                Id = 100, Pseudonym = "0a0a0a", PracticeCode = Alpha, LsoaCode = Affluent,
                BirthYear = 1980, BirthMonth = 5, Sex = Sex.Female, EthnicGroup = EthnicGroup.White,
            });
            await db.SaveChangesAsync();
        }

        var after = await _host.ExecuteAsync(PatientsOfAlpha);

        var patients = after.Data.GetProperty("patients");
        Assert.Equal(before.Data.GetProperty("patients").GetProperty("totalCount").GetInt32() + 1, patients.GetProperty("totalCount").GetInt32());
        var ingested = patients.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "0a0a0a");
        Assert.Equal(Affluent, ingested.GetProperty("lsoa").GetProperty("code").GetString());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store?.Dispose();
    }

    /// <summary>What a rebuild from newer reference files leaves: Alpha renamed and moved to Central, and a new manifest.</summary>
    private async Task RebuildWithAlphaMovedToCentralAsync()
    {
        await using var db = _store!.OpenContext();
        await db.Practices.Where(p => p.Code == Alpha).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Alpha Medical Centre"));
        await db.PcnMemberships.Where(m => m.PracticeCode == Alpha).ExecuteUpdateAsync(s => s.SetProperty(m => m.PcnCode, Central));
        await db.Manifest.ExecuteUpdateAsync(s => s.SetProperty(m => m.BuiltAtUtc, new DateTimeOffset(2021, 2, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    private static (string?, string?, string) AlphaAndCentralOf(ExecutedRequest response)
    {
        var alpha = response.Data.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("code").GetString() == Alpha);
        return (alpha.GetProperty("name").GetString(), alpha.GetProperty("pcn").GetProperty("code").GetString(),
            string.Join(", ", response.Data.GetProperty("pcn").GetProperty("practices").Strings("code")));
    }
}

/// <summary>
/// Tests that count the store's round trips while relying on no store change being recorded meanwhile (<see cref="StoreChanges"/>
/// is process-wide, and other tests' hubs build stores): they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StoreChangesCollection
{
    public const string Name = "Store changes";
}
