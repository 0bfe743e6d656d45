using System.Text.Json.Nodes;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;
using static Phm.Data.Tests.Ingest.FhirBundles;

namespace Phm.Data.Tests.Ingest;

/// <summary>Conditions coded with any code of the published clusters reach their registers; resolved codes end them.</summary>
public sealed class RegisterIngestTests
{
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid().Take(2)];

    private static readonly DateOnly Day = new(2026, 1, 1);

    [SkippableTheory, ProviderData]
    public async Task ACsvCondition_CodedWithAnyClusterCode_IsPlacedOnEachOfItsRegisters_ResolvedCodesEndingThem(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date",
            $"{Numbers[0]},10725009,2015-05-01",     // Benign hypertension: in HYP_COD, on no register in registers.v1
            $"{Numbers[0]},162659009,2020-02-02",    // Hypertension resolved (HYPRES_COD)
            $"{Numbers[0]},56267009,2019-01-01");    // Multi-infarct dementia: in DEM_COD and STRK_COD
        var before = await hub.CountAsync();

        var summary = await hub.IngestCsvAsync();

        Assert.Equal((4L, 0L, 0L), (summary.Loaded, summary.Duplicates, summary.Quarantined));
        Assert.Equal(before.Conditions + 4, (await hub.CountAsync()).Conditions);
        var patient = await hub.PatientAsync(Numbers[0]);
        Assert.Equal(
            [
                (ConditionRegister.Hypertension, ConditionKind.Diagnosis, "10725009"), (ConditionRegister.Hypertension, ConditionKind.Resolved, "162659009"),
                (ConditionRegister.Dementia, ConditionKind.Diagnosis, "56267009"), (ConditionRegister.StrokeTia, ConditionKind.Diagnosis, "56267009"),
            ],
            patient.Conditions.OrderBy(c => c.Register).ThenBy(c => c.Kind).Select(c => (c.Register, c.Kind, c.SnomedCode)));
        Assert.All(patient.Conditions, c => Assert.Equal(RegisterCodeList.Version, c.CodeList));
        Assert.True(patient.IsOnRegister(ConditionRegister.Hypertension, new(2019, 12, 31)));
        Assert.False(patient.IsOnRegister(ConditionRegister.Hypertension, Day));
        Assert.True(patient.IsOnRegister(ConditionRegister.Dementia, Day) && patient.IsOnRegister(ConditionRegister.StrokeTia, Day));

        // The condition on two registers is one source record: running the extract again adds nothing (the patient and
        // three conditions are duplicates).
        var again = await hub.IngestCsvAsync();
        Assert.Equal((0L, 4L), (again.Loaded, again.Duplicates));
    }

    [SkippableTheory, ProviderData]
    public async Task AFhirCondition_WithAResolvedCode_IsKeptAsAResolution_NotSkippedAsOnNoRegister(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var bundle = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(bundle, Collection(
            Patient("urn:uuid:p1", Numbers[1], "1980-07-14", "male"),
            Resource("Condition", "urn:uuid:p1", new JsonObject { ["code"] = Snomed("313307000"), ["onsetDateTime"] = "2018-03-01" }),   // Epileptic seizure (EPIL_COD)
            Resource("Condition", "urn:uuid:p1", new JsonObject { ["code"] = Snomed("162658001"), ["recordedDate"] = "2024-06-30" })));  // Epilepsy resolved

        var summary = await hub.IngestFhirAsync(bundle);

        Assert.Empty(summary.Skipped);
        var patient = await hub.PatientAsync(Numbers[1]);
        Assert.Equal(
            [(ConditionKind.Diagnosis, new DateOnly(2018, 3, 1)), (ConditionKind.Resolved, new DateOnly(2024, 6, 30))],
            patient.Conditions.Where(c => c.Register == ConditionRegister.Epilepsy).OrderBy(c => c.OnsetDate).Select(c => (c.Kind, c.OnsetDate)));
        Assert.True(patient.IsOnRegister(ConditionRegister.Epilepsy, new(2024, 6, 29)));
        Assert.False(patient.IsOnRegister(ConditionRegister.Epilepsy, Day));
    }
}
