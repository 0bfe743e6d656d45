namespace Phm.Data.Patients;

/// <summary>
/// Who is on a condition register on a day: one rule, written once over queryables so that EF Core runs it as SQL and
/// patients in memory answer it the same way (<see cref="IsOnRegister"/>).
/// A patient is on a register when they are old enough for it on the day and one of its diagnoses holds: recorded on or
/// before the day, with no resolution of the register recorded between it and the day (QOF: the latest diagnosis not
/// followed by a resolved code; a resolution on the day of a diagnosis ends it). A later diagnosis opens a new entry.
/// </summary>
public static class RegisterRules
{
    /// <summary>
    /// The youngest age on a register: QOF 2023-24's register ages (asthma 6, diabetes 17, CKD, depression, epilepsy and
    /// obesity 18, osteoporosis 50; NHS Digital, QOF 2023-24 main findings), and for the hub's own registers persistent
    /// pain 18 (adults) and frailty 65 (the GMS contract's frailty identification). Other registers take every age.
    /// </summary>
    public static int MinimumAge(this ConditionRegister register) => register switch
    {
        ConditionRegister.Asthma => 6,
        ConditionRegister.Diabetes => 17,
        ConditionRegister.ChronicKidneyDisease or ConditionRegister.Depression or ConditionRegister.Epilepsy
            or ConditionRegister.Obesity or ConditionRegister.PersistentPain => 18,
        ConditionRegister.Osteoporosis => 50,
        ConditionRegister.Frailty => 65,
        _ => 0,
    };

    /// <summary>The diagnoses of <paramref name="register"/> that hold on <paramref name="date"/>.</summary>
    public static IQueryable<Condition> HoldingOn(this IQueryable<Condition> conditions, ConditionRegister register, DateOnly date) =>
        conditions.Where(c => c.Register == register && c.Kind == ConditionKind.Diagnosis && c.OnsetDate <= date
            && !conditions.Any(r => r.PatientId == c.PatientId && r.Register == register && r.Kind == ConditionKind.Resolved
                && r.OnsetDate >= c.OnsetDate && r.OnsetDate <= date));

    /// <summary>The patients on <paramref name="register"/> on <paramref name="date"/>, their entries taken from <paramref name="conditions"/>.</summary>
    public static IQueryable<Patient> OnRegister(this IQueryable<Patient> patients, IQueryable<Condition> conditions, ConditionRegister register, DateOnly date)
    {
        // Old enough: born in or before the month that many years back (the birth day is unknown by design; the 1st is
        // assumed, as Patient.AgeOn does).
        var latestBirthMonth = (date.Year - register.MinimumAge()) * 12 + date.Month;
        // "Id IN (the register's holders)" rather than EXISTS per patient: SQLite then starts from the register's index.
        var holders = conditions.HoldingOn(register, date).Select(c => c.PatientId);
        return patients.Where(p => p.BirthYear * 12 + p.BirthMonth <= latestBirthMonth && holders.Contains(p.Id));
    }

    /// <summary>Whether a patient whose <see cref="Patient.Conditions"/> are loaded is on the register on the day.</summary>
    public static bool IsOnRegister(this Patient patient, ConditionRegister register, DateOnly date) =>
        new[] { patient }.AsQueryable().OnRegister(patient.Conditions.AsQueryable(), register, date).Any();
}
