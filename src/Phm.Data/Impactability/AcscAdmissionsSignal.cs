using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Impactability;

/// <summary>
/// Emergency admissions for ambulatory care sensitive conditions in the window, at least
/// <see cref="ImpactabilityOptions.AcscAdmissionsAtLeast"/>: admissions that timely primary and community care can often
/// prevent (NHS Outcomes Framework 2.3.i and 3a), so the commonest marker of a patient a team can help.
/// </summary>
internal sealed class AcscAdmissionsSignal(ImpactabilityOptions options) : ImpactabilitySignalRule(options)
{
    public override ImpactabilitySignal Signal => ImpactabilitySignal.AmbulatoryCareSensitiveAdmissions;

    protected override Expression<Func<Patient, bool>> Condition(PhmDbContext db, DateOnly referenceDate)
    {
        var from = WindowStart(referenceDate);
        var atLeast = Options.AcscAdmissionsAtLeast;
        return p => db.Activities.Count(a => a.PatientId == p.Id && a.Kind == ActivityKind.EmergencyAdmission && a.AmbulatoryCareSensitive
            && a.Date >= from && a.Date <= referenceDate) >= atLeast;
    }

    protected override async Task<IReadOnlyDictionary<int, string>> DescribeAsync(PhmDbContext db, IReadOnlyList<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var from = WindowStart(referenceDate);
        var admissions = await db.Activities.AsNoTracking()
            .Where(a => patientIds.Contains(a.PatientId) && a.Kind == ActivityKind.EmergencyAdmission && a.AmbulatoryCareSensitive && a.Date >= from && a.Date <= referenceDate)
            .OrderBy(a => a.Date).ThenBy(a => a.Id)
            .Select(a => new { a.PatientId, a.PrimaryDiagnosis })
            .ToListAsync(cancellationToken);
        return admissions.GroupBy(a => a.PatientId).ToDictionary(g => g.Key, g =>
        {
            var count = g.Count();
            var conditions = g.Select(a => AmbulatoryCareSensitiveConditions.GroupOf(a.PrimaryDiagnosis)!.Name).Distinct();
            return string.Create(CultureInfo.InvariantCulture,
                $"{count} emergency admission{(count == 1 ? " for an ambulatory care sensitive condition" : "s for ambulatory care sensitive conditions")} {InTheWindow} ({string.Join(", ", conditions)})");
        });
    }
}
