using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Store;

namespace Phm.Data.Tests.Ingest;

public sealed class PrescriptionsAndProceduresTests
{
    private const string Paracetamol = "322236009";
    private const string LongFormatDmd = "39720311000001101";
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid(300).Take(3)];

    [SkippableTheory, ProviderData]
    public async Task ACsvExtract_LoadsPrescriptionsAndProcedures_AndQuarantinesBadCodesAndDates(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1940-05-01,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Prescriptions,
            "nhs_number,dmd_code,issued_on",
            $"{Numbers[0]},{Paracetamol},2022-01-10",
            $"{Numbers[0]},{Paracetamol},2022-02-10",
            $"{Numbers[0]},{LongFormatDmd},2022-02-10",
            $"{Numbers[0]},{Paracetamol},2022-02-10",   // row 4: the same issue again, or another that day: no record id tells
            $"{Numbers[0]},322236008,2022-03-10",       // row 5: check digit
            $"{Numbers[0]},,2022-03-10",                // row 6: no code
            $"{Numbers[0]},{Paracetamol},2031-01-01",   // row 7: in the future
            $"{Numbers[1]},{Paracetamol},2022-03-10");  // row 8: patient not loaded
        hub.Write(CsvExtractReader.Procedures,
            "nhs_number,snomed_code,performed_on",
            $"{Numbers[0]},232717009,2021-06-01",
            $"{Numbers[0]},1234567011,2021-06-01",      // row 2: a description id, not a concept
            $"{Numbers[0]},232717009,");                 // row 3: no date

        var summary = await hub.IngestCsvAsync();

        Assert.Equal(new (string, string, string, string)[]
        {
            ("prescriptions.csv", "row 5", "dmd_code", "the check digit does not match (Verhoeff)"),
            ("prescriptions.csv", "row 6", "dmd_code", "a dm+d code is required"),
            ("prescriptions.csv", "row 7", "issued_on", "in the future"),
            ("prescriptions.csv", "row 8", "nhs_number", "no patient with this identifier is in the store or was loaded from this extract"),
            ("procedures.csv", "row 2", "snomed_code", "not a concept identifier (its partition identifier names another kind of component)"),
            ("procedures.csv", "row 3", "performed_on", "a date is required (yyyy-MM-dd)"),
        }, (await hub.QuarantineAsync()).Select(q => (q.Source.Split(' ')[0], q.Reference, q.Field, q.Reason)));
        Assert.Equal((12L, 5L, 1L, 6L), (summary.Read, summary.Loaded, summary.MergedWithoutRecordId, summary.Quarantined));
        Assert.Equal(before with { Patients = before.Patients + 1, Prescriptions = before.Prescriptions + 3, Procedures = before.Procedures + 1, Quarantined = before.Quarantined + 6 }, await hub.CountAsync());

        var patient = await hub.PatientAsync(Numbers[0]);
        Assert.Equal([(Paracetamol, new DateOnly(2022, 1, 10)), (Paracetamol, new DateOnly(2022, 2, 10)), (LongFormatDmd, new DateOnly(2022, 2, 10))],
            patient.Prescriptions.OrderBy(m => m.IssuedOn).ThenBy(m => m.DmdCode.Length).Select(m => (m.DmdCode, m.IssuedOn)));
        Assert.Equal([("232717009", new DateOnly(2021, 6, 1))], patient.Procedures.Select(r => (r.SnomedCode, r.PerformedOn)));

        var again = await hub.IngestCsvAsync();
        Assert.Equal((0L, 1L, 5L), (again.Loaded, again.Duplicates, again.MergedWithoutRecordId));
    }

    [SkippableTheory, ProviderData]
    public async Task FhirMedicationRequestsAndProcedures_AreHeldWhenIssuedAndPerformed_AndRefusedWithoutADmdOrSnomedCode(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var before = await hub.CountAsync();
        var path = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(path, FhirBundles.Collection(
            FhirBundles.Patient("urn:uuid:p", Numbers[2], birthDate: "1950-03-09", gender: "male"),
            Request("stopped", "order", Medicine(FhirSystems.SnomedSystem, Paracetamol), "2022-01-01"),
            Request("active", "order", Medicine(FhirSystems.SnomedSystem, LongFormatDmd), "2022-01-01T10:00:00+00:00"),
            Request("draft", "order", Medicine(FhirSystems.SnomedSystem, Paracetamol), "2022-01-01"),
            Request("active", "plan", Medicine(FhirSystems.SnomedSystem, Paracetamol), "2022-01-01"),
            Request("active", "order", Medicine("http://www.nlm.nih.gov/research/umls/rxnorm", "313782"), "2022-01-01"),
            Request("active", "order", new JsonObject { ["medicationReference"] = new JsonObject { ["reference"] = "Medication/1" } }, "2022-01-01"),
            Request("active", "order", Medicine(FhirSystems.SnomedSystem, Paracetamol), authoredOn: null),
            FhirBundles.Resource("Procedure", "urn:uuid:p", new JsonObject { ["status"] = "completed", ["code"] = FhirBundles.Snomed("232717009"), ["performedPeriod"] = new JsonObject { ["start"] = "2021-05-05T09:00:00Z", ["end"] = "2021-05-05T10:00:00Z" } }),
            FhirBundles.Resource("Procedure", "urn:uuid:p", new JsonObject { ["status"] = "completed", ["code"] = FhirBundles.Snomed("430193006"), ["performedDateTime"] = "2021-07-01" }),
            FhirBundles.Resource("Procedure", "urn:uuid:p", new JsonObject { ["status"] = "not-done", ["code"] = FhirBundles.Snomed("232717009"), ["performedDateTime"] = "2021-08-01" }),
            FhirBundles.Resource("Procedure", "urn:uuid:p", new JsonObject { ["status"] = "completed", ["code"] = FhirBundles.Snomed("232717008") })));

        var summary = await hub.IngestFhirAsync(path);

        Assert.Equal(new (string, string, string)[]
        {
            ("entry 5 (MedicationRequest)", "medicationCodeableConcept", "no dm+d coding (system http://snomed.info/sct)"),
            ("entry 6 (MedicationRequest)", "medicationReference", "a medicine by reference is not read: the hub needs medicationCodeableConcept with a dm+d code"),
            ("entry 7 (MedicationRequest)", "authoredOn", "a full date is required"),
            ("entry 11 (Procedure)", "code", "the check digit does not match (Verhoeff)"),
            ("entry 11 (Procedure)", "performed", "a full date is required"),
        }, (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field, q.Reason)));
        Assert.Equal(new Dictionary<string, long>
        {
            ["MedicationRequest a proposal, plan or option, not a prescription"] = 1,
            ["MedicationRequest draft, cancelled or entered in error"] = 1,
            ["Procedure not performed or entered in error"] = 1,
        }, summary.Skipped);
        Assert.Equal((5L, 4L), (summary.Loaded, summary.Quarantined));
        Assert.Equal(before with { Patients = before.Patients + 1, Prescriptions = before.Prescriptions + 2, Procedures = before.Procedures + 2, Quarantined = before.Quarantined + 5 }, await hub.CountAsync());
        await using var db = hub.Store.CreateContext();
        Assert.Equal([new DateOnly(2021, 5, 5), new DateOnly(2021, 7, 1)], await db.Procedures.Where(r => r.PatientId == db.Patients.Single(p => p.Pseudonym == hub.PseudonymOf(Numbers[2])).Id).OrderBy(r => r.PerformedOn).Select(r => r.PerformedOn).ToListAsync());
    }

    private static JsonObject Request(string status, string intent, JsonObject medicine, string? authoredOn)
    {
        var fields = new JsonObject { ["status"] = status, ["intent"] = intent };
        foreach (var (name, value) in medicine)
            fields[name] = value!.DeepClone();
        if (authoredOn is not null)
            fields["authoredOn"] = authoredOn;
        return FhirBundles.Resource("MedicationRequest", "urn:uuid:p", fields);
    }

    private static JsonObject Medicine(string system, string code) =>
        new() { ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) } };
}
