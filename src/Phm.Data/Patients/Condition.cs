namespace Phm.Data.Patients;

/// <summary>
/// An entry on a long-term condition register, coded in SNOMED CT: a diagnosis, or a code that records the condition
/// resolved. Whether the patient is on the register on a day is <see cref="RegisterRules"/>' to say.
/// </summary>
public sealed class Condition
{
    public long Id { get; init; }
    public int PatientId { get; init; }
    public ConditionRegister Register { get; init; }
    public ConditionKind Kind { get; init; } = ConditionKind.Diagnosis;
    public required string SnomedCode { get; init; }

    /// <summary>Date of diagnosis, or for a resolution the date the condition was recorded resolved.</summary>
    public DateOnly OnsetDate { get; init; }

    /// <summary>The register code list that placed the code on the register (<c>registers.v2</c>).</summary>
    public required string CodeList { get; init; }
}

/// <summary>What a register entry records.</summary>
public enum ConditionKind
{
    /// <summary>The condition was diagnosed: the patient joins the register.</summary>
    Diagnosis = 1,

    /// <summary>The condition was recorded resolved: the diagnoses before it no longer hold.</summary>
    Resolved = 2,
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
