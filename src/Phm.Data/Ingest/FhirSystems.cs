namespace Phm.Data.Ingest;

/// <summary>The identifier systems, extensions and codes the FHIR reader looks for.</summary>
public static class FhirSystems
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string OdsCodeSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
    public const string EthnicCategoryExtension = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";

    /// <summary>
    /// The hub's own extension for the ONS 2011 LSOA code, on the Patient or its Address: UK Core has none, and the hub
    /// never derives an LSOA from a postcode or a foreign address.
    /// </summary>
    public const string LsoaExtension = "https://phm-hub.example/fhir/StructureDefinition/lsoa-2011";

    public const string SnomedSystem = "http://snomed.info/sct";

    /// <summary>ICD-10 as HL7 names it (WHO's edition) and as UK Core names the UK edition: both are read as primary diagnoses.</summary>
    public static readonly IReadOnlyList<string> Icd10Systems = ["http://hl7.org/fhir/sid/icd-10", "http://hl7.org/fhir/sid/icd-10-uk"];

    /// <summary>SNOMED CT 736373009 |End of life care plan (record artifact)|.</summary>
    public const string EndOfLifeCarePlan = "736373009";
}
