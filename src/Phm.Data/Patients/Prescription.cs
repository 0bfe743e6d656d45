namespace Phm.Data.Patients;

/// <summary>
/// A medicine prescribed (a FHIR MedicationRequest, or a row of a prescriptions extract), coded in the NHS Dictionary of
/// Medicines and Devices (dm+d), whose codes are SNOMED CT concepts. The number of distinct medicines a patient was
/// prescribed over a period is the usual measure of polypharmacy.
/// </summary>
public sealed class Prescription
{
    public long Id { get; init; }
    public int PatientId { get; init; }
    public required string DmdCode { get; init; }
    public DateOnly IssuedOn { get; init; }
}
