using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// The parameters a generated patient's outcomes were drawn from: a yearly hazard of death and a yearly rate of each
/// kind of activity, constant while the patient is alive (<see cref="GeneratedTruth"/> has the process and its
/// probabilities). For evaluation only, as the ceiling a model is measured against: no query the API serves reads it,
/// and ingested patients have none.
/// </summary>
public sealed class GeneratorTruth
{
    public int PatientId { get; init; }
    public double DeathHazardPerYear { get; init; }
    public double GpAppointmentsPerYear { get; init; }
    public double Nhs111CallsPerYear { get; init; }
    public double AmbulanceCallsPerYear { get; init; }
    public double AeAttendancesPerYear { get; init; }
    public double EmergencyAdmissionsPerYear { get; init; }
    public double ElectiveAdmissionsPerYear { get; init; }
    public double OutpatientAttendancesPerYear { get; init; }
    public double CommunityContactsPerYear { get; init; }
    public double SocialCareContactsPerYear { get; init; }

    public double RatePerYear(ActivityKind kind) => kind switch
    {
        ActivityKind.GpAppointment => GpAppointmentsPerYear,
        ActivityKind.Nhs111Call => Nhs111CallsPerYear,
        ActivityKind.Ambulance => AmbulanceCallsPerYear,
        ActivityKind.AeAttendance => AeAttendancesPerYear,
        ActivityKind.EmergencyAdmission => EmergencyAdmissionsPerYear,
        ActivityKind.ElectiveAdmission => ElectiveAdmissionsPerYear,
        ActivityKind.Outpatient => OutpatientAttendancesPerYear,
        ActivityKind.CommunityContact => CommunityContactsPerYear,
        ActivityKind.SocialCareContact => SocialCareContactsPerYear,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No generated rate for this kind of activity."),
    };

    public static GeneratorTruth Of(int patientId, double deathHazardPerYear, Func<ActivityKind, double> ratePerYear) => new()
    {
        PatientId = patientId,
        DeathHazardPerYear = deathHazardPerYear,
        GpAppointmentsPerYear = ratePerYear(ActivityKind.GpAppointment),
        Nhs111CallsPerYear = ratePerYear(ActivityKind.Nhs111Call),
        AmbulanceCallsPerYear = ratePerYear(ActivityKind.Ambulance),
        AeAttendancesPerYear = ratePerYear(ActivityKind.AeAttendance),
        EmergencyAdmissionsPerYear = ratePerYear(ActivityKind.EmergencyAdmission),
        ElectiveAdmissionsPerYear = ratePerYear(ActivityKind.ElectiveAdmission),
        OutpatientAttendancesPerYear = ratePerYear(ActivityKind.Outpatient),
        CommunityContactsPerYear = ratePerYear(ActivityKind.CommunityContact),
        SocialCareContactsPerYear = ratePerYear(ActivityKind.SocialCareContact),
    };
}

/// <summary>A generated patient: the rows the store serves, and the parameters they were drawn from.</summary>
public sealed record GeneratedPatient(Patient Patient, GeneratorTruth Truth);
