using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Loading;

/// <summary>
/// Reference data (the reference date, LSOAs, practices, PCNs, memberships) is held in memory between requests; each request reads
/// only the store's manifest to learn whether the store was rebuilt since, so a rebuild is seen by the next request, and so is
/// an ingest (which changes patients, never reference data).
/// </summary>
public sealed class StoreReferenceLoaderTests : IAsyncLifetime
{
    private const string PracticesQuery = "{ practices { code name pcn { code } } pcn(code: \"" + Central + "\") { practices { code } } }";

    private TestStore? _store;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        _host = SchemaHost.Over(_store.Path);
    }

    [Fact]
    public async Task Practices_OnceHeld_CostOneQueryOfTheManifestPerRequest()
    {
        await _host.ExecuteAsync(PracticesQuery);
        _host.Commands.Reset();

        var response = await _host.ExecuteAsync(PracticesQuery);

        Assert.Equal(3, response.Data.GetProperty("practices").GetArrayLength());
        var command = Assert.Single(_host.Commands.Commands);
        Assert.Contains("\"Manifest\"", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practices_AfterTheStoreIsRebuiltWithOtherReferenceData_AreTheNewOnes_OnTheNextRequest()
    {
        var before = await _host.ExecuteAsync(PracticesQuery);
        await using (var db = _store!.OpenContext())
        {
            // What a rebuild from newer reference files leaves: Alpha renamed and moved to Central, and a new manifest.
            await db.Practices.Where(p => p.Code == Alpha).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Alpha Medical Centre"));
            await db.PcnMemberships.Where(m => m.PracticeCode == Alpha).ExecuteUpdateAsync(s => s.SetProperty(m => m.PcnCode, Central));
            await db.Manifest.ExecuteUpdateAsync(s => s.SetProperty(m => m.BuiltAtUtc, new DateTimeOffset(2021, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        }

        var after = await _host.ExecuteAsync(PracticesQuery);

        Assert.Equal(("Alpha Surgery", North, Beta), AlphaAndCentralOf(before));
        Assert.Equal(("Alpha Medical Centre", Central, $"{Alpha}, {Beta}"), AlphaAndCentralOf(after));
    }

    [Fact]
    public async Task Patients_AfterAnIngest_IncludeTheIngestedPatientAndItsLsoa_OnTheNextRequest()
    {
        const string query = "{ patients(first: 50, filter: { practice: \"" + Alpha + "\" }) { totalCount items { id lsoa { code } } } }";
        var before = await _host.ExecuteAsync(query);
        await using (var db = _store!.OpenContext())
        {
            db.Patients.Add(new Patient
            {
                Id = 100, Pseudonym = "0a0a0a", PracticeCode = Alpha, LsoaCode = Affluent,
                BirthYear = 1980, BirthMonth = 5, Sex = Sex.Female, EthnicGroup = EthnicGroup.White,
            });
            await db.SaveChangesAsync();
        }

        var after = await _host.ExecuteAsync(query);

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

    private static (string?, string?, string) AlphaAndCentralOf(ExecutedRequest response)
    {
        var alpha = response.Data.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("code").GetString() == Alpha);
        return (alpha.GetProperty("name").GetString(), alpha.GetProperty("pcn").GetProperty("code").GetString(),
            string.Join(", ", response.Data.GetProperty("pcn").GetProperty("practices").Strings("code")));
    }
}
