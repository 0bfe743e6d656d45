using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's number of distinct medicines (dm+d codes) prescribed within a period; 0 for none.</summary>
public sealed class MedicineCountsByPatientLoader(PhmDbContext db) : BatchLoader<PatientWindowKey<DatePeriod>, int>
{
    protected override Task<IReadOnlyDictionary<PatientWindowKey<DatePeriod>, int>> FetchAsync(IReadOnlyCollection<PatientWindowKey<DatePeriod>> keys, CancellationToken cancellationToken) =>
        PatientWindowKey.LoadByWindowAsync(keys, async (period, patientIds) =>
        {
            var counts = await db.Prescriptions.AsNoTracking()
                .Where(m => patientIds.Contains(m.PatientId) && (period.From == null || m.IssuedOn >= period.From) && (period.To == null || m.IssuedOn <= period.To))
                .GroupBy(m => m.PatientId)
                .Select(g => new { PatientId = g.Key, Medicines = g.Select(m => m.DmdCode).Distinct().Count() })
                .ToDictionaryAsync(c => c.PatientId, c => c.Medicines, cancellationToken);
            return counts.WithZeros(patientIds);
        });
}

/// <summary>Each patient's number of procedures performed within a period; 0 for none.</summary>
public sealed class ProcedureCountsByPatientLoader(PhmDbContext db) : BatchLoader<PatientWindowKey<DatePeriod>, int>
{
    protected override Task<IReadOnlyDictionary<PatientWindowKey<DatePeriod>, int>> FetchAsync(IReadOnlyCollection<PatientWindowKey<DatePeriod>> keys, CancellationToken cancellationToken) =>
        PatientWindowKey.LoadByWindowAsync(keys, async (period, patientIds) =>
        {
            var counts = await db.Procedures.AsNoTracking()
                .Where(r => patientIds.Contains(r.PatientId) && (period.From == null || r.PerformedOn >= period.From) && (period.To == null || r.PerformedOn <= period.To))
                .GroupBy(r => r.PatientId)
                .Select(g => new { PatientId = g.Key, Procedures = g.Count() })
                .ToDictionaryAsync(c => c.PatientId, c => c.Procedures, cancellationToken);
            return counts.WithZeros(patientIds);
        });
}

internal static class PeriodCounts
{
    /// <summary>A count for every patient asked about: those with no record in the period have none.</summary>
    public static IReadOnlyDictionary<int, int> WithZeros(this Dictionary<int, int> counts, IReadOnlyCollection<int> patientIds) =>
        patientIds.ToDictionary(id => id, id => counts.GetValueOrDefault(id));
}
