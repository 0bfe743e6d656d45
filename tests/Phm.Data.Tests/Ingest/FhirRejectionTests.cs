using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.FhirBundles;

namespace Phm.Data.Tests.Ingest;

public sealed class FhirRejectionTests
{
    [SkippableTheory, ProviderData]
    public async Task EveryKindOfBadResource_IsQuarantined_ByFieldAndReason(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var numbers = TestNhsNumbers.Valid(700).Take(3).ToArray();
        var path = Path.Combine(hub.Folder, "bundle.json");
        File.WriteAllText(path, Collection(
            Patient("urn:uuid:good", numbers[0], birthDate: "1950-03-09", gender: "female"),
            Patient("urn:uuid:p1", numbers[1][..9] + "9", birthDate: "1950", gender: "unknown", ethnicCategory: "Q", deceased: new JsonObject { ["deceasedBoolean"] = true }),
            Patient("urn:uuid:p2", numbers[2], birthDate: "2030-01-01", gender: "male"),
            Resource("Condition", "urn:uuid:good", new JsonObject { ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://read.info/ctv3", ["code"] = "G58.." }) } }),
            Resource("Condition", "urn:uuid:good", new JsonObject { ["code"] = Snomed("84114007"), ["onsetDateTime"] = "2031-01-01" }),
            Resource("Encounter", "urn:uuid:good", new JsonObject { ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "VR" }, ["period"] = new JsonObject { ["start"] = "2022-01-01" } }),
            Resource("Encounter", "urn:uuid:good", new JsonObject { ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "IMP" }, ["priority"] = Coded("EM"), ["period"] = new JsonObject { ["start"] = "2022-01-01" } }),
            Resource("Encounter", "urn:uuid:good", new JsonObject { ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "IMP" }, ["priority"] = Coded("EL"), ["period"] = new JsonObject { ["start"] = "2022-01-05", ["end"] = "2022-01-01" } }),
            Resource("Encounter", "urn:uuid:good", new JsonObject { ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "IMP" }, ["priority"] = Coded("EM"), ["period"] = new JsonObject { ["start"] = "2022-01-01", ["end"] = "2022-01-04" } }),
            Resource("CarePlan", "urn:uuid:good", new JsonObject { ["status"] = "active", ["intent"] = "plan" }),
            Resource("CarePlan", "urn:uuid:good", new JsonObject { ["status"] = "active", ["intent"] = "plan", ["period"] = new JsonObject { ["start"] = "2022-02-02" }, ["category"] = new JsonArray(Snomed(FhirSystems.EndOfLifeCarePlan)) })));
        File.WriteAllText(Path.Combine(hub.Folder, "history.json"), Bundle("history"));

        var summary = await hub.IngestFhirAsync(hub.Folder);

        Assert.Equal(new (string, string, string)[]
        {
            ("entry 1 (Patient)", "identifier", "the check digit does not match (modulus 11)"),
            ("entry 1 (Patient)", "birthDate", "a birth date with at least year and month is required"),
            ("entry 1 (Patient)", "gender", "gender must be female or male"),
            ("entry 1 (Patient)", "extension:ethnicCategory", "not an NHS Data Dictionary ethnic category"),
            ("entry 1 (Patient)", "deceased", "a death needs its date"),
            ("entry 2 (Patient)", "birthDate", "in the future"),
            ("entry 3 (Condition)", "code", "no SNOMED CT coding"),
            ("entry 4 (Condition)", "onsetDateTime", "in the future"),
            ("entry 5 (Encounter)", "class", "encounter class VR has no activity kind in the hub's mapping"),
            ("entry 6 (Encounter)", "period.end", "an admission needs its discharge date"),
            ("entry 7 (Encounter)", "period.end", "before the admission"),
            ("entry 9 (CarePlan)", "period.start", "a full date is required"),
            ("file", "Bundle.type", "a History bundle is not ingested (transaction, batch or collection)"),
        }, (await hub.QuarantineAsync()).Select(q => (q.Reference, q.Field, q.Reason)));
        Assert.Equal((3L, 8L, 1), (summary.Loaded, summary.Quarantined, summary.RefusedFiles));
        var patient = await hub.PatientAsync(numbers[0]);
        Assert.Equal([(ActivityKind.EmergencyAdmission, (int?)3)], patient.Activities.Select(a => (a.Kind, a.LengthOfStayDays)));
        Assert.Equal([CareFlagKind.EndOfLifeRegister], patient.CareFlags.Select(f => f.Kind));
    }
}
