using System.Text.Json.Nodes;
using Phm.Data.Ingest;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.FhirBundles;

namespace Phm.Data.Tests.Ingest;

/// <summary>Emergency admissions arrive with their ICD-10 primary diagnosis, which places them as ACSC admissions or not.</summary>
public sealed class PrimaryDiagnosisIngestTests
{
    private static readonly string[] Numbers = [.. TestNhsNumbers.Valid(900).Take(2)];

    [SkippableTheory, ProviderData]
    public async Task ACsvExtract_GivesEmergencyAdmissionsTheirDiagnosis_AndQuarantinesBadOnes_ByRowAndField(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, "nhs_number,kind,date,length_of_stay_days,primary_diagnosis",
            $"{Numbers[0]},emergency_admission,2022-01-01,3,J44.1",
            $"{Numbers[0]},emergency_admission,2022-02-01,0,S720",
            $"{Numbers[0]},emergency_admission,2022-03-01,2,",
            $"{Numbers[0]},emergency_admission,2022-04-01,2,J4X.1",
            $"{Numbers[0]},ae_attendance,2022-05-01,,J44.1");

        var summary = await hub.IngestCsvAsync();

        Assert.Equal((4L, 2L), (summary.Loaded, summary.Quarantined)); // the patient and three admissions
        var patient = await hub.PatientAsync(Numbers[0]);
        Assert.Equal([("J44.1", true), ("S72.0", false), (null, false)],
            patient.Activities.OrderBy(a => a.Date).Select(a => (a.PrimaryDiagnosis, a.AmbulatoryCareSensitive)));
        Assert.Equal(
        [
            ("row 4", "primary_diagnosis", Phm.Data.Terminology.Icd10Code.FormatProblem),
            ("row 5", "primary_diagnosis", "only emergency admissions carry a primary diagnosis"),
        ], (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field, q.Reason)));
    }

    [Fact]
    public async Task AnActivityFileWithoutTheColumn_IsReadAsBefore()
    {
        await using var hub = await IngestHarness.StartAsync(DatabaseProvider.Sqlite);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{Numbers[0]},1950-03-09,F,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Activity, "nhs_number,kind,date,length_of_stay_days", $"{Numbers[0]},emergency_admission,2022-01-01,3");

        Assert.Equal(0L, (await hub.IngestCsvAsync()).Quarantined);
        Assert.Equal([(null, false)], (await hub.PatientAsync(Numbers[0])).Activities.Select(a => (a.PrimaryDiagnosis, a.AmbulatoryCareSensitive)));
    }

    [SkippableTheory, ProviderData]
    public async Task FhirEncounters_GiveTheirIcd10Diagnosis_FromAContainedPrimaryConditionOrTheReasonCode(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var path = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(path, Collection(
            Patient("urn:uuid:p", Numbers[1], birthDate: "1950-03-09", gender: "female"),
            Admission("2022-01-01", new JsonObject { ["reasonCode"] = new JsonArray(Snomed("195951007"), Icd10("http://hl7.org/fhir/sid/icd-10-uk", "I500")) }),
            Admission("2022-02-01", new JsonObject
            {
                ["contained"] = new JsonArray(
                    new JsonObject { ["resourceType"] = "Condition", ["id"] = "second", ["code"] = Icd10("http://hl7.org/fhir/sid/icd-10", "R07.4") },
                    new JsonObject { ["resourceType"] = "Condition", ["id"] = "first", ["code"] = Icd10("http://hl7.org/fhir/sid/icd-10", "N39.0") }),
                ["diagnosis"] = new JsonArray(
                    new JsonObject { ["condition"] = new JsonObject { ["reference"] = "#second" }, ["rank"] = 2 },
                    new JsonObject { ["condition"] = new JsonObject { ["reference"] = "#first" }, ["rank"] = 1 }),
                ["reasonCode"] = new JsonArray(Icd10("http://hl7.org/fhir/sid/icd-10", "S72.0")),
            }),
            Admission("2022-03-01", new JsonObject { ["reasonCode"] = new JsonArray(Snomed("195951007")) }),
            Admission("2022-04-01", new JsonObject { ["reasonCode"] = new JsonArray(Icd10("http://hl7.org/fhir/sid/icd-10", "heart failure")) })));

        var summary = await hub.IngestFhirAsync(path);

        Assert.Equal((4L, 1L), (summary.Loaded, summary.Quarantined)); // the patient and three admissions
        Assert.Equal([("I50.0", true), ("N39.0", true), (null, false)],
            (await hub.PatientAsync(Numbers[1])).Activities.OrderBy(a => a.Date).Select(a => (a.PrimaryDiagnosis, a.AmbulatoryCareSensitive)));
        Assert.Equal([("entry 4 (Encounter)", "reasonCode", Phm.Data.Terminology.Icd10Code.FormatProblem)],
            (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field, q.Reason)));
    }

    private static JsonObject Admission(string start, JsonObject fields)
    {
        fields["status"] = "finished";
        fields["class"] = new JsonObject { ["code"] = "IMP" };
        fields["priority"] = Coded("EM");
        fields["period"] = new JsonObject { ["start"] = start, ["end"] = start };
        return Resource("Encounter", "urn:uuid:p", fields);
    }

    private static JsonObject Icd10(string system, string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };
}
