using Microsoft.EntityFrameworkCore;
using Phm.Api.Practices;
using Phm.Api.Tests.Loading;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Transport;

/// <summary>
/// A validation pass kept for a document whose argument checks read the store's reference data holds for the build it was made on
/// only: a rebuild by this process is met by the next request's checks, one by another process once the store's stamp has been read
/// again (<see cref="PhmOptions.StoreCheckInterval"/>), as the reference data is; an ingest, which changes patients and no reference
/// data, is seen by the next request's answer.
/// </summary>
[Collection(StoreChangesCollection.Name)]
public sealed class ValidatedDocumentCacheStoreTests : IAsyncLifetime
{
    private const string NewPcn = "U00009";
    private const string NewPcnQuery = "{ pcn(code: \"" + NewPcn + "\") { code name } }";
    private const string PatientsOfAlpha = "{ patients(first: 50, filter: { practice: \"" + Alpha + "\" }) { totalCount items { id } } }";

    private readonly ManualClock _clock = new();
    private TestStore? _store;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        _host = SchemaHost.Over(_store.Path, _clock);
        await RebuildAsync(db => db.Pcns.Add(new Pcn { Code = NewPcn, Name = "New PCN" }));
        StoreChanges.Record();
    }

    [Fact]
    public async Task KeptPass_OfAPcnTheStoreNoLongerHolds_IsNotTaken_AfterThisProcessRebuildsTheStore()
    {
        var before = await ThriceAsync(NewPcnQuery);
        await RebuildAsync(db => db.Pcns.Where(p => p.Code == NewPcn).ExecuteDelete());
        StoreChanges.Record();

        var after = await _host.ExecuteAsync(NewPcnQuery);

        Assert.All(before, response => Assert.Empty(response.ErrorCodes));
        Assert.Equal([PcnNotFoundError.ErrorCode], after.ErrorCodes);
    }

    [Fact]
    public async Task KeptPass_OfAPcnTheStoreNoLongerHolds_IsNotTaken_OnceTheCheckIntervalHasPassed_AfterAnotherProcessRebuildsTheStore()
    {
        var before = await ThriceAsync(NewPcnQuery);
        await RebuildAsync(db => db.Pcns.Where(p => p.Code == NewPcn).ExecuteDelete());
        _clock.Advance(new PhmOptions().StoreCheckInterval);

        var after = await _host.ExecuteAsync(NewPcnQuery);

        Assert.All(before, response => Assert.Empty(response.ErrorCodes));
        Assert.Equal([PcnNotFoundError.ErrorCode], after.ErrorCodes);
    }

    [Fact]
    public async Task PatientsOfAPractice_AfterAnIngest_IncludeTheIngestedPatient_OnTheNextRequest_WithItsPassKept()
    {
        var before = await ThriceAsync(PatientsOfAlpha);
        await using (var db = _store!.OpenContext())
        {
            db.Patients.Add(new Patient
            {
                Id = 100, Pseudonym = "0a0a0a", PracticeCode = Alpha, LsoaCode = Affluent,
                BirthYear = 1980, BirthMonth = 5, Sex = Sex.Female, EthnicGroup = EthnicGroup.White,
            });
            await db.SaveChangesAsync();
        }
        StoreChanges.Record();

        var after = await _host.ExecuteAsync(PatientsOfAlpha);

        Assert.Equal(before[2].Data.GetProperty("patients").GetProperty("totalCount").GetInt32() + 1,
            after.Data.GetProperty("patients").GetProperty("totalCount").GetInt32());
        Assert.Contains("0a0a0a", after.Data.GetProperty("patients").GetProperty("items").Strings("id"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store?.Dispose();
    }

    /// <summary>The document three times: validated in full, then its pass kept, then taken from what was kept.</summary>
    private async Task<ExecutedRequest[]> ThriceAsync(string query) =>
        [await _host.ExecuteAsync(query), await _host.ExecuteAsync(query), await _host.ExecuteAsync(query)];

    /// <summary>What a rebuild from other reference files leaves: <paramref name="change"/> and a new manifest.</summary>
    private async Task RebuildAsync(Action<PhmDbContext> change)
    {
        await using var db = _store!.OpenContext();
        change(db);
        await db.SaveChangesAsync();
        var builtAt = await db.Manifest.Select(m => m.BuiltAtUtc).SingleAsync();
        await db.Manifest.ExecuteUpdateAsync(s => s.SetProperty(m => m.BuiltAtUtc, builtAt.AddMinutes(1)));
    }
}
