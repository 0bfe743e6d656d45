using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Ingest;

public sealed class IngestingFhirResources
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures", "synthea");
    private const string Abdul = "Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json";
    private const string Oralia = "Oralia_Stark_b21200a6-ec96-408b-b8ab-e481402ac607.json";

    [SkippableTheory, ProviderData]
    public async Task SyntheaPatients_HaveNoNhsNumberNorLsoa_AndAreQuarantinedForBoth_WithNothingInvented(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        var bundles = Directory.GetFiles(Fixtures, "*.json");
        foreach (var bundle in bundles)
            File.Copy(bundle, Path.Combine(hub.Folder, Path.GetFileName(bundle)));

        var summary = await hub.IngestFhirAsync(hub.Folder);

        Assert.Equal(0, summary.Loaded);
        var after = await hub.CountAsync();
        Assert.Equal((before.Patients, before.Conditions, before.Activities, before.CareFlags), (after.Patients, after.Conditions, after.Activities, after.CareFlags));
        var quarantine = await hub.QuarantineAsync();
        var patients = quarantine.Where(q => q.Reference == "entry 0 (Patient)").ToList();
        Assert.Equal(3, patients.Select(q => q.Source).Distinct().Count());
        var sources = await Task.WhenAll(bundles.Select(b => IngestSource.NameAsync(b, nameIsSafe: false, CancellationToken.None)));
        Assert.All(sources, source =>
            Assert.Equal(["identifier", "address", "generalPractitioner"], patients.Where(q => q.Source == source).Select(q => q.Field)));
        Assert.Contains("no LSOA", patients.First(q => q.Field == "address").Reason);
        Assert.All(quarantine.Where(q => q.Reference.Contains("(Encounter)", StringComparison.Ordinal)), q => Assert.True(q.Field is "subject" or "priority", q.Field));
        // 11 conditions: Abdul's obesity is on a register (quarantined: no patient); the other ten are on none.
        Assert.Equal(10, summary.Skipped[$"Condition on no register ({RegisterCodeList.Version})"]);
        Assert.True(summary.Skipped["Observation (not held by the store)"] > 200);

        // The Synthea identifiers (record numbers, social security, driving licence, passport) and names never leave the input.
        var identifiers = bundles.SelectMany(b => JsonNode.Parse(File.ReadAllText(b))!["entry"]![0]!["resource"]!["identifier"]!.AsArray().Select(i => (string)i!["value"]!))
            .Concat(["Abdul", "Koepp", "Oralia", "Stark", "Jackson", "Bode", "1956-08-03"]);
        hub.AssertNoIdentifiersWritten([], identifiers);
    }

    [SkippableTheory, ProviderData]
    public async Task ASyntheaBundle_GivenAnNhsNumberLsoaAndPractice_LoadsItsRegisterConditionsActivityProceduresAndCarePlan_ButNotItsUsMedicineCodes(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        var nhsNumbers = TestNhsNumbers.Valid(500).Take(2).ToArray();
        var abdul = WriteAsEnglishPatient(hub, Abdul, nhsNumbers[0]);
        var oralia = WriteAsEnglishPatient(hub, Oralia, nhsNumbers[1]);

        var summary = await hub.IngestFhirAsync(abdul, oralia);
        var again = await hub.IngestFhirAsync(abdul, oralia);

        await using var db = hub.Store.CreateContext();
        var loaded = await hub.PatientAsync(nhsNumbers[0]);
        Assert.Equal((1956, 8, Sex.Male, EthnicGroup.NotStated, "E01017139", "J82001"), (loaded.BirthYear, loaded.BirthMonth, loaded.Sex, loaded.EthnicGroup, loaded.LsoaCode, loaded.PracticeCode));
        Assert.Equal([(ConditionRegister.Obesity, "162864005")], loaded.Conditions.Select(c => (c.Register, c.SnomedCode)));
        // 16 encounters: 14 ambulatory (some on the same day, which count once), one A&E, one inpatient without a priority.
        Assert.Equal([ActivityKind.AeAttendance], loaded.Activities.Where(a => a.Kind != ActivityKind.GpAppointment).Select(a => a.Kind));
        Assert.True(loaded.Activities.Count(a => a.Kind == ActivityKind.GpAppointment) >= 10);
        var abdulSource = await IngestSource.NameAsync(abdul, nameIsSafe: false, CancellationToken.None);
        Assert.Contains(await hub.QuarantineAsync(), q => q.Source == abdulSource && q.Field == "priority");
        Assert.Equal(10, loaded.Procedures.Count);
        // Synthea codes medicines in RxNorm; an English store counts dm+d medicines, and does not guess a crosswalk.
        Assert.Equal(2, (await hub.QuarantineAsync()).Count(q => q.Source == abdulSource && q.Field == "medicationCodeableConcept"));
        var oraliaFlags = await db.CareFlags.Where(f => f.PatientId == db.Patients.Single(p => p.Pseudonym == hub.PseudonymOf(nhsNumbers[1])).Id).ToListAsync();
        Assert.Equal([CareFlagKind.CarePlan], oraliaFlags.Select(f => f.Kind));

        Assert.Equal(before.Patients + 2, (await hub.CountAsync()).Patients);
        // Same-day ambulatory encounters were already duplicates of each other the first time.
        Assert.Equal((0L, summary.Loaded + summary.Duplicates), (again.Loaded, again.Duplicates));
        hub.AssertNoIdentifiersWritten(nhsNumbers, ["1956-08-03", "e925b0f3-8006-43f6-aa31-94bd215e55e7"]);
    }

    [SkippableTheory, ProviderData]
    public async Task Ndjson_ReadsPatientFilesFirst_AndResolvesPatientReferences(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var nhsNumber = TestNhsNumbers.Valid(900).First();
        var bundle = JsonNode.Parse(File.ReadAllText(WriteAsEnglishPatient(hub, Abdul, nhsNumber)))!;
        var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        var patient = resources.Single(r => (string)r["resourceType"]! == "Patient");
        foreach (var resource in resources.Where(r => (string)r["resourceType"]! == "Condition"))
            resource["subject"] = new JsonObject { ["reference"] = "Patient/" + (string)patient["id"]! };
        File.WriteAllLines(Path.Combine(hub.Folder, "Condition.ndjson"), resources.Where(r => (string)r["resourceType"]! == "Condition").Select(r => r.ToJsonString()));
        File.WriteAllLines(Path.Combine(hub.Folder, "Patient.ndjson"), [patient.ToJsonString(), "{ not json"]);

        var summary = await hub.IngestFhirAsync(Path.Combine(hub.Folder, "Condition.ndjson"), Path.Combine(hub.Folder, "Patient.ndjson"));

        Assert.Equal((2L, 1L), (summary.Loaded, summary.Quarantined));
        var patientSource = await IngestSource.NameAsync(Path.Combine(hub.Folder, "Patient.ndjson"), nameIsSafe: false, CancellationToken.None);
        Assert.Equal([(patientSource, "line 2", "json")], (await hub.QuarantineAsync()).Select(q => (q.Source, q.Reference, q.Field)));
        Assert.StartsWith("ndjson sha256:", patientSource);
    }

    /// <summary>The bundle as an English GP's system would send it: NHS number, the hub's LSOA extension, the practice's ODS code.</summary>
    private static string WriteAsEnglishPatient(IngestHarness hub, string fixture, string nhsNumber)
    {
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, fixture)))!;
        var patient = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => (string)r["resourceType"]! == "Patient");
        patient["identifier"]!.AsArray().Add(new JsonObject { ["system"] = FhirSystems.NhsNumberSystem, ["value"] = nhsNumber });
        patient["address"]![0]!["extension"]!.AsArray().Add(new JsonObject { ["url"] = FhirSystems.LsoaExtension, ["valueString"] = "E01017139" });
        patient["generalPractitioner"] = new JsonArray(new JsonObject { ["identifier"] = new JsonObject { ["system"] = FhirSystems.OdsCodeSystem, ["value"] = "J82001" } });
        var path = Path.Combine(hub.Folder, "english-" + fixture);
        File.WriteAllText(path, bundle.ToJsonString());
        return path;
    }
}
