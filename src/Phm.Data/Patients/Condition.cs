namespace Phm.Data.Patients;

/// <summary>An entry on a long-term condition register, coded in SNOMED CT.</summary>
public sealed class Condition
{
    public long Id { get; init; }
    public int PatientId { get; init; }
    public ConditionRegister Register { get; init; }
    public required string SnomedCode { get; init; }
    public DateOnly OnsetDate { get; init; }
}

/// <summary>Long-term condition registers, broadly those of the Quality and Outcomes Framework plus pain and frailty.</summary>
public enum ConditionRegister
{
    Hypertension = 1,
    Diabetes = 2,
    Asthma = 3,
    Copd = 4,
    HeartFailure = 5,
    AtrialFibrillation = 6,
    CoronaryHeartDisease = 7,
    ChronicKidneyDisease = 8,
    Cancer = 9,
    Dementia = 10,
    Depression = 11,
    SeriousMentalIllness = 12,
    LearningDisability = 13,
    PersistentPain = 14,
    Frailty = 15,
    StrokeTia = 16,
    Epilepsy = 17,
    Osteoporosis = 18,
    Obesity = 19,
}
