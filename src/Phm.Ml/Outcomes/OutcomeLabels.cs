using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Store;

namespace Phm.Ml.Outcomes;

/// <summary>
/// Whether each patient's outcome happened, the labels a model trains and is evaluated on: for every patient born by and
/// alive on index date t (the patients <see cref="Features.FeatureReader"/> reads), did the outcome happen on a date in
/// (t, <see cref="GeneratedOutcome.YearEnd"/>]? One query, counted in the database.
/// </summary>
public static class OutcomeLabels
{
    /// <summary>Patient id → outcome, in patient id order.</summary>
    public static async Task<IReadOnlyDictionary<int, bool>> ReadAsync(
        PhmDbContext db, GeneratedOutcome outcome, DateOnly indexDate, CancellationToken cancellationToken)
    {
        var labels = await Query(db, outcome, indexDate).ToListAsync(cancellationToken);
        return labels.ToDictionary(l => l.PatientId, l => l.Happened);
    }

    internal static IQueryable<PatientLabel> Query(PhmDbContext db, GeneratedOutcome outcome, DateOnly indexDate)
    {
        var yearEnd = GeneratedOutcome.YearEnd(indexDate);
        var patients = db.Patients.AsNoTracking().AliveOn(indexDate).BornBy(indexDate).OrderBy(p => p.Id);
        if (outcome.Kind is not { } kind)
        {
            // Alive on t, so a recorded death is after t.
            return patients.Select(p => new PatientLabel(p.Id, p.DateOfDeath != null && p.DateOfDeath <= yearEnd));
        }

        var atLeast = outcome.AtLeast;
        return patients.Select(p => new PatientLabel(p.Id,
            db.Activities.Count(a => a.PatientId == p.Id && a.Kind == kind && a.Date > indexDate && a.Date <= yearEnd) >= atLeast));
    }

    internal sealed record PatientLabel(int PatientId, bool Happened);
}
