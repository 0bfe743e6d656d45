namespace Phm.Data.Patients;

/// <summary>A procedure performed on a patient, coded in SNOMED CT.</summary>
public sealed class Procedure
{
    public long Id { get; init; }
    public int PatientId { get; init; }
    public required string SnomedCode { get; init; }
    public DateOnly PerformedOn { get; init; }
}
