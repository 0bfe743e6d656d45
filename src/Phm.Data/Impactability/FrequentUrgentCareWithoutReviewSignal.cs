using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Impactability;

/// <summary>
/// Frequent urgent care (A&amp;E attendances and emergency admissions together, at least
/// <see cref="ImpactabilityOptions.UrgentCareContactsAtLeast"/> in the window) by a patient on a long-term condition
/// register (<see cref="ImpactabilityOptions.Registers"/>, held at the store's reference date: <see cref="RegisterHeld"/>) with no
/// long-term condition review recorded in the window (a procedure coded as one: <see cref="LongTermConditionReviews"/>):
/// the condition may be what brings them in, and nobody has looked at it this year.
/// </summary>
internal sealed class FrequentUrgentCareWithoutReviewSignal(ImpactabilityOptions options) : ImpactabilitySignalRule(options)
{
    private static readonly ActivityKind[] UrgentCare = [ActivityKind.AeAttendance, ActivityKind.EmergencyAdmission];

    public override ImpactabilitySignal Signal => ImpactabilitySignal.FrequentUrgentCareWithoutReview;

    protected override Expression<Func<Patient, bool>> Condition(PhmDbContext db, DateOnly referenceDate)
    {
        var from = WindowStart(referenceDate);
        var atLeast = Options.UrgentCareContactsAtLeast;
        var reviewCodes = LongTermConditionReviews.Codes.Keys.ToList();
        var registers = Options.Registers.ToList();
        return p => db.Activities.Count(a => a.PatientId == p.Id && (a.Kind == ActivityKind.AeAttendance || a.Kind == ActivityKind.EmergencyAdmission)
                && a.Date >= from && a.Date <= referenceDate) >= atLeast
            && db.RegistersHeld.Any(h => h.PatientId == p.Id && registers.Contains(h.Register))
            && !db.Procedures.Any(r => r.PatientId == p.Id && reviewCodes.Contains(r.SnomedCode) && r.PerformedOn >= from && r.PerformedOn <= referenceDate);
    }

    protected override async Task<IReadOnlyDictionary<int, string>> DescribeAsync(PhmDbContext db, IReadOnlyList<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var from = WindowStart(referenceDate);
        var contacts = await db.Activities.AsNoTracking()
            .Where(a => patientIds.Contains(a.PatientId) && UrgentCare.Contains(a.Kind) && a.Date >= from && a.Date <= referenceDate)
            .GroupBy(a => new { a.PatientId, a.Kind })
            .Select(g => new { g.Key.PatientId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var held = (await db.RegistersHeld.AsNoTracking().Where(h => patientIds.Contains(h.PatientId)).ToListAsync(cancellationToken))
            .ToLookup(h => h.PatientId, h => h.Register);
        return patientIds.ToDictionary(id => id, id =>
        {
            var counts = UrgentCare.Select(kind => (Kind: kind, Count: contacts.Where(c => c.PatientId == id && c.Kind == kind).Sum(c => c.Count))).Where(c => c.Count > 0).ToList();
            var total = counts.Sum(c => c.Count);
            var registers = Options.Registers.Where(held[id].Contains).Select(r => r.Words()).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"{total} urgent care contacts {InTheWindow} ({string.Join(", ", counts.Select(c => c.Kind.Count(c.Count)))}), on the {Listed(registers)} register{(registers.Count == 1 ? "" : "s")}, and no long-term condition review recorded {InTheWindow}");
        });
    }

    private static string Listed(List<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
