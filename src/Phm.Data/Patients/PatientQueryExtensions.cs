using Phm.Data.Store;

namespace Phm.Data.Patients;

public static class PatientQueryExtensions
{
    /// <summary>The patients who had not died by <paramref name="date"/> (<see cref="Patient.AliveOn"/>): the registered population on that day.</summary>
    public static IQueryable<Patient> AliveOn(this IQueryable<Patient> patients, DateOnly date) =>
        patients.Where(ExpressionRules.Inline<Func<Patient, bool>>(patient => Patient.AliveOn.Invoke(patient, date)));

    /// <summary>The patients born by <paramref name="date"/> (<see cref="Patient.BornBy"/>): on an earlier day than the store's, some are not yet.</summary>
    public static IQueryable<Patient> BornBy(this IQueryable<Patient> patients, DateOnly date) =>
        patients.Where(ExpressionRules.Inline<Func<Patient, bool>>(patient => Patient.BornBy.Invoke(patient, date)));

    /// <summary>The patients who had died by <paramref name="date"/>: those not <see cref="AliveOn"/> it.</summary>
    public static IQueryable<Patient> DeadBy(this IQueryable<Patient> patients, DateOnly date) =>
        patients.Where(ExpressionRules.Inline<Func<Patient, bool>>(patient => !Patient.AliveOn.Invoke(patient, date)));
}
