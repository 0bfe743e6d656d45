using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Tests.Patients;

/// <summary>
/// The registers each patient holds at the store's reference date, as written with the store: after a build and after each
/// ingest they are exactly what the register rule says of the patient's entries, on every provider; a store built before them
/// gets everyone's before an ingest's own.
/// </summary>
public sealed class RegistersHeldTests
{
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid().Take(1)];

    [SkippableTheory, ProviderData]
    public async Task AfterABuild_EveryPatientHoldsTheRegistersTheRuleGivesThem(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(population: 1_500, seed: 3);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var patients = await db.Patients.AsNoTracking().Include(p => p.Conditions).AsSplitQuery().ToListAsync();

        var expected = patients.SelectMany(p => Enum.GetValues<ConditionRegister>().Where(r => p.IsOnRegister(r, manifest.ReferenceDate)).Select(r => (p.Id, r))).Order().ToList();
        var held = (await db.RegistersHeld.Select(h => new { h.PatientId, h.Register }).ToListAsync()).Select(h => (h.PatientId, h.Register)).Order().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, held);
    }

    [SkippableTheory, ProviderData]
    public async Task EachIngest_RewritesTheRegistersHeldOfThePatientsItTouches(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", $"{Numbers[0]},10725009,2015-05-01");  // hypertension
        await hub.IngestCsvAsync();
        Assert.Equal([ConditionRegister.Hypertension], await HeldAsync(hub));

        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date",
            $"{Numbers[0]},162659009,2020-02-02",    // hypertension resolved, before the reference date
            $"{Numbers[0]},56267009,2019-01-01");    // multi-infarct dementia: the dementia and stroke registers
        await hub.IngestCsvAsync();

        Assert.Equal([ConditionRegister.Dementia, ConditionRegister.StrokeTia], await HeldAsync(hub));
    }

    [SkippableTheory, ProviderData]
    public async Task AnIngestThatRecodesAConditionRecord_RewritesTheRegistersHeldFromItsNewCode(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        const string header = "record_id,nhs_number,snomed_code,onset_date";
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Conditions, header, $"r1,{Numbers[0]},56267009,2019-01-01");   // multi-infarct dementia: the dementia and stroke registers
        await hub.IngestCsvAsync();
        Assert.Equal([ConditionRegister.Dementia, ConditionRegister.StrokeTia], await HeldAsync(hub));

        hub.Write(CsvExtractReader.Conditions, header, $"r1,{Numbers[0]},10725009,2019-01-01");   // the same record recoded: hypertension
        await hub.IngestCsvAsync();

        Assert.Equal([ConditionRegister.Hypertension], await HeldAsync(hub));
    }

    [SkippableTheory, ProviderData]
    public async Task AnIngestThatMovesABirthDate_AcrossARegistersAge_RewritesTheRegistersHeld(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        const string header = "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code";
        // Six in January 2021, the store's reference date: old enough for the asthma register.
        hub.Write(CsvExtractReader.Patients, header, $"{Numbers[0]},2015-01-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", $"{Numbers[0]},195967001,2019-01-01");   // asthma
        await hub.IngestCsvAsync();
        Assert.Equal([ConditionRegister.Asthma], await HeldAsync(hub));

        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date");
        hub.Write(CsvExtractReader.Patients, header, $"{Numbers[0]},2015-02-09,F,A,E01017139,J82001");   // born a month later: six only in February
        await hub.IngestCsvAsync();

        Assert.Empty(await HeldAsync(hub));
    }

    [SkippableTheory, ProviderData]
    public async Task AnIngestIntoAStoreBuiltWithoutRegistersHeld_WritesEveryonesFirst_NotOnlyThoseOfItsOwnPatients(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        int built;
        await using (var db = hub.Store.CreateContext())
            built = await db.RegistersHeld.ExecuteDeleteAsync();
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date", $"{Numbers[0]},10725009,2015-05-01");  // hypertension

        await hub.IngestCsvAsync();

        await using var ingested = hub.Store.CreateContext();
        Assert.True(built > 0, "the built store held registers to take away");
        Assert.Equal(built + 1, await ingested.RegistersHeld.CountAsync());
        Assert.Equal([ConditionRegister.Hypertension], await HeldAsync(hub));
    }

    private static async Task<List<ConditionRegister>> HeldAsync(IngestHarness hub)
    {
        await using var db = hub.Store.CreateContext();
        var pseudonym = hub.PseudonymOf(Numbers[0]);
        return await db.RegistersHeld.Where(h => db.Patients.Any(p => p.Pseudonym == pseudonym && p.Id == h.PatientId))
            .OrderBy(h => h.Register).Select(h => h.Register).ToListAsync();
    }
}
