using Phm.Data.Terminology;

namespace Phm.Data.Patients;

/// <summary>One contact with a health or care service.</summary>
public sealed class Activity
{
    private readonly string? _primaryDiagnosis;

    /// <summary>The kinds of contact that are hospital admissions: those with a length of stay, whose nights are bed days.</summary>
    public static IReadOnlyList<ActivityKind> AdmissionKinds { get; } = [ActivityKind.EmergencyAdmission, ActivityKind.ElectiveAdmission];

    /// <summary>
    /// The kinds of contact with urgent and emergency care, unplanned by the patient's services: NHS 111, ambulance, A&amp;E
    /// and emergency admission. The rest are planned care.
    /// </summary>
    public static IReadOnlyList<ActivityKind> UrgentCareKinds { get; } =
        [ActivityKind.Nhs111Call, ActivityKind.Ambulance, ActivityKind.AeAttendance, ActivityKind.EmergencyAdmission];

    public long Id { get; init; }
    public int PatientId { get; init; }
    public ActivityKind Kind { get; init; }
    public DateOnly Date { get; init; }

    /// <summary>Nights in hospital for admissions (0 = same-day); null for other kinds.</summary>
    public int? LengthOfStayDays { get; init; }

    /// <summary>
    /// The primary diagnosis of an emergency admission, an ICD-10 code in dotted form (<see cref="Icd10Code"/>); null for
    /// other kinds and for admissions whose source gave none. Setting it sets <see cref="AmbulatoryCareSensitive"/>.
    /// </summary>
    public string? PrimaryDiagnosis
    {
        get => _primaryDiagnosis;
        init
        {
            _primaryDiagnosis = value;
            AmbulatoryCareSensitive = AmbulatoryCareSensitiveConditions.Includes(value);
        }
    }

    /// <summary>
    /// Whether <see cref="PrimaryDiagnosis"/> is an ambulatory care sensitive condition, by the ACSC code list
    /// (<see cref="AmbulatoryCareSensitiveConditions"/>). Stored beside the code, so that queries filter on a column
    /// rather than on a list of codes; only the code list decides it.
    /// </summary>
    public bool AmbulatoryCareSensitive { get; private set; }
}

public enum ActivityKind
{
    GpAppointment = 1,
    Nhs111Call = 2,
    Ambulance = 3,
    AeAttendance = 4,
    EmergencyAdmission = 5,
    ElectiveAdmission = 6,
    Outpatient = 7,
    CommunityContact = 8,
    SocialCareContact = 9,
}
