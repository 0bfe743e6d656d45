namespace Phm.Data.Patients;

/// <summary>One contact with a health or care service.</summary>
public sealed class Activity
{
    public long Id { get; init; }
    public int PatientId { get; init; }
    public ActivityKind Kind { get; init; }
    public DateOnly Date { get; init; }

    /// <summary>Nights in hospital for admissions (0 = same-day); null for other kinds.</summary>
    public int? LengthOfStayDays { get; init; }
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
