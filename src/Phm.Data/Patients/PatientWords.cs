namespace Phm.Data.Patients;

/// <summary>
/// Patients' records in the words a clinician or analyst reads: one home for them, shared by the risk features' explanations,
/// the cohort explanations (<see cref="Cohorts.CohortExplanation"/>) and the impactability signals.
/// </summary>
public static class PatientWords
{
    public static string Words(this EthnicGroup group) => group switch
    {
        EthnicGroup.White => "ethnic group White",
        EthnicGroup.Mixed => "ethnic group Mixed",
        EthnicGroup.Asian => "ethnic group Asian or Asian British",
        EthnicGroup.Black => "ethnic group Black or Black British",
        EthnicGroup.Other => "ethnic group Other",
        EthnicGroup.NotStated => "ethnic group not stated",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "No words for this ethnic group."),
    };

    public static string Words(this ConditionRegister register) => register switch
    {
        ConditionRegister.Hypertension => "hypertension",
        ConditionRegister.Diabetes => "diabetes",
        ConditionRegister.Asthma => "asthma",
        ConditionRegister.Copd => "COPD",
        ConditionRegister.HeartFailure => "heart failure",
        ConditionRegister.AtrialFibrillation => "atrial fibrillation",
        ConditionRegister.CoronaryHeartDisease => "coronary heart disease",
        ConditionRegister.ChronicKidneyDisease => "chronic kidney disease",
        ConditionRegister.Cancer => "cancer",
        ConditionRegister.Dementia => "dementia",
        ConditionRegister.Depression => "depression",
        ConditionRegister.SeriousMentalIllness => "serious mental illness",
        ConditionRegister.LearningDisability => "learning disability",
        ConditionRegister.PersistentPain => "persistent pain",
        ConditionRegister.Frailty => "frailty",
        ConditionRegister.StrokeTia => "stroke or TIA",
        ConditionRegister.Epilepsy => "epilepsy",
        ConditionRegister.Osteoporosis => "osteoporosis",
        ConditionRegister.Obesity => "obesity",
        _ => throw new ArgumentOutOfRangeException(nameof(register), register, "No words for this register."),
    };

    /// <summary>The singular noun of a contact; the plural adds "s".</summary>
    public static string Words(this ActivityKind kind) => kind switch
    {
        ActivityKind.GpAppointment => "GP appointment",
        ActivityKind.Nhs111Call => "NHS 111 call",
        ActivityKind.Ambulance => "ambulance call-out",
        ActivityKind.AeAttendance => "A&E attendance",
        ActivityKind.EmergencyAdmission => "emergency admission",
        ActivityKind.ElectiveAdmission => "elective admission",
        ActivityKind.Outpatient => "outpatient appointment",
        ActivityKind.CommunityContact => "community care contact",
        ActivityKind.SocialCareContact => "social care contact",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No words for this activity."),
    };

    public static (string Present, string Absent) Words(this CareFlagKind flag) => flag switch
    {
        CareFlagKind.EndOfLifeRegister => ("on the end of life care register", "not on the end of life care register"),
        CareFlagKind.CarePlan => ("has a care plan", "no care plan"),
        CareFlagKind.Carer => ("is a carer", "not recorded as a carer"),
        CareFlagKind.Housebound => ("housebound", "not housebound"),
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "No words for this care flag."),
    };

    /// <summary>"1 emergency admission", "3 A&amp;E attendances".</summary>
    public static string Count(this ActivityKind kind, int count) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {kind.Words()}{(count == 1 ? "" : "s")}");
}
