using Phm.Data.Patients;

namespace Phm.Api.Patients;

public static class PatientQueryExtensions
{
    /// <summary>The patients who had not died by <paramref name="date"/>: the registered population on that day.</summary>
    public static IQueryable<Patient> AliveOn(this IQueryable<Patient> patients, DateOnly date) =>
        patients.Where(p => p.DateOfDeath == null || p.DateOfDeath > date);
}
