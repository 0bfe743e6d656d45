using System.Text.Json.Nodes;
using Phm.Data.Ingest;

namespace Phm.Data.Tests.Support;

/// <summary>Small FHIR R4 bundles for tests, written as JSON the way a source system would send them.</summary>
internal static class FhirBundles
{
    public static string Collection(params JsonObject[] entries) => Bundle("collection", entries);

    public static string Bundle(string type, params JsonObject[] entries) =>
        new JsonObject { ["resourceType"] = "Bundle", ["type"] = type, ["entry"] = new JsonArray(entries) }.ToJsonString();

    /// <summary>An English patient: NHS number, the hub's LSOA extension and a practice's ODS code, at the bundle's full URL.</summary>
    public static JsonObject Patient(string fullUrl, string nhsNumber, string birthDate, string gender, string? ethnicCategory = null, JsonObject? deceased = null)
    {
        var patient = new JsonObject
        {
            ["resourceType"] = "Patient",
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = FhirSystems.NhsNumberSystem, ["value"] = nhsNumber }),
            ["birthDate"] = birthDate,
            ["gender"] = gender,
            ["extension"] = new JsonArray(new JsonObject { ["url"] = FhirSystems.LsoaExtension, ["valueString"] = "E01017139" }),
            ["generalPractitioner"] = new JsonArray(new JsonObject { ["identifier"] = new JsonObject { ["system"] = FhirSystems.OdsCodeSystem, ["value"] = "J82001" } }),
        };
        if (ethnicCategory is not null)
            patient["extension"]!.AsArray().Add(new JsonObject { ["url"] = FhirSystems.EthnicCategoryExtension, ["valueCodeableConcept"] = Coded(ethnicCategory) });
        foreach (var (name, value) in deceased ?? [])
            patient[name] = value!.DeepClone();
        return new JsonObject { ["fullUrl"] = fullUrl, ["resource"] = patient };
    }

    /// <summary>A resource of <paramref name="type"/> about the patient at <paramref name="subject"/>.</summary>
    public static JsonObject Resource(string type, string subject, JsonObject fields)
    {
        fields["resourceType"] = type;
        fields["subject"] = new JsonObject { ["reference"] = subject };
        return new JsonObject { ["resource"] = fields };
    }

    public static JsonObject Snomed(string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = FhirSystems.SnomedSystem, ["code"] = code }) };

    public static JsonObject Coded(string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["code"] = code }) };
}
