namespace Phm.Data.Patients;

/// <summary>A care-planning fact recorded for a patient.</summary>
public sealed class CareFlag
{
    public long Id { get; init; }
    public int PatientId { get; init; }
    public CareFlagKind Kind { get; init; }
    public DateOnly RecordedOn { get; init; }
}

public enum CareFlagKind
{
    EndOfLifeRegister = 1,
    CarePlan = 2,
    Carer = 3,
    Housebound = 4,
}
