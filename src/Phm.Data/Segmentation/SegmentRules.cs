using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Segmentation;

/// <summary>
/// Which Bridges to Health segment each living patient is in on a day: one rule, run as SQL through EF Core (a CASE over
/// three grouped summaries left-joined to the patients), never in memory. The first rule that holds, in
/// <see cref="Precedence"/> order, places the patient (the README's "Segmentation" has the sources):
/// <list type="number">
/// <item>Incurable cancer and end of life: on the end-of-life register (a care flag recorded by the day), or on the cancer
/// register with <see cref="ExacerbationAdmissions"/>+ emergency admissions in the last 12 months (the store has no cancer
/// stage or treatment intent, so repeated emergency admissions stand for a short decline; an assumption).</item>
/// <item>Frailty and dementia: on the dementia or frailty register.</item>
/// <item>Disability: on the learning disability or serious mental illness register.</item>
/// <item>Chronic conditions, high complexity: on <see cref="HighComplexityRegisters"/>+ registers (an assumption), or organ
/// failure (on the heart failure, COPD or CKD register) with <see cref="ExacerbationAdmissions"/>+ emergency admissions in the
/// last 12 months: B2H's "limited reserve with serious exacerbations", kept inside this segment rather than one of its own.</item>
/// <item>Chronic conditions, low complexity: on one or two registers.</item>
/// <item>Maternal and infant health: under 1 year old (no pregnancy data in the store).</item>
/// <item>Acutely ill: an emergency admission or A&amp;E attendance in the last 12 months.</item>
/// <item>Healthy: everyone else.</item>
/// </list>
/// Registers are <see cref="RegisterRules.OnRegister"/>'s at the store's reference date (<see cref="RegisterHeld"/>), every register of
/// <see cref="ConditionRegister"/> counting; "the
/// last 12 months" is <c>[day − 12 months, day)</c>, as the risk features count it.
/// </summary>
public static class SegmentRules
{
    /// <summary>Registers at which chronic conditions become high complexity (multimorbidity of 3+; an assumption, see the README).</summary>
    public const int HighComplexityRegisters = 3;

    /// <summary>Emergency admissions in the last 12 months that make cancer or organ failure a serious decline (an assumption).</summary>
    public const int ExacerbationAdmissions = 2;

    /// <summary>The months of activity the rules look back over.</summary>
    public const int ActivityMonths = 12;

    /// <summary>The segments from the highest need down: a patient meeting several rules is placed by the first.</summary>
    public static IReadOnlyList<BridgesToHealthSegment> Precedence { get; } =
    [
        BridgesToHealthSegment.IncurableCancerAndEndOfLife,
        BridgesToHealthSegment.FrailtyAndDementia,
        BridgesToHealthSegment.Disability,
        BridgesToHealthSegment.ChronicConditionsHighComplexity,
        BridgesToHealthSegment.ChronicConditionsLowComplexity,
        BridgesToHealthSegment.MaternalAndInfantHealth,
        BridgesToHealthSegment.AcutelyIll,
        BridgesToHealthSegment.Healthy,
    ];

    /// <summary>
    /// Replaces the segments at the store's reference date <paramref name="date"/> of <paramref name="patientIds"/>, or of everyone
    /// when null, in <see cref="PhmDbContext.PatientSegments"/>: one INSERT … SELECT of the rules, inside the caller's transaction, after
    /// the registers held (which the rules read) are written. The store build writes everyone's and each ingest batch those of the
    /// patients it touched; a patient who died by the day gets no row. Returns the rows written.
    /// </summary>
    public static Task<int> WriteSegmentsAsync(PhmDbContext db, DateOnly date, IReadOnlyCollection<int>? patientIds, CancellationToken cancellationToken) =>
        DerivedRows.ReplaceAsync(db, patientIds, (patients, ids) => Segment(patients, db, date, ids),
            [nameof(PatientSegment.PatientId), nameof(PatientSegment.Segment)], cancellationToken);

    /// <summary>
    /// The patients of <paramref name="patients"/> alive on <paramref name="date"/>, each with its segment. The summaries of registers,
    /// care flags and activity read only <paramref name="patientIds"/>' rows when given, so that an ingest batch's few patients do not
    /// summarise the whole city's activity.
    /// </summary>
    private static IQueryable<PatientSegment> Segment(IQueryable<Patient> patients, PhmDbContext db, DateOnly date, IReadOnlyCollection<int>? patientIds)
    {
        var month = date.Year * 12 + date.Month;
        var bornAfter = month - 12;  // born after this month: under 1 on the day
        return patients.AliveOn(date)
            .LeftJoin(RegistersHeld(db.RegistersHeld.Where(OfPatients<RegisterHeld>(h => h.PatientId, patientIds))), p => p.Id, r => r.PatientId,
                (p, r) => new { Patient = p, Registers = r })
            .LeftJoin(UrgentCare(db.Activities.Where(OfPatients<Activity>(a => a.PatientId, patientIds)), date), x => x.Patient.Id, u => u.PatientId,
                (x, u) => new { x.Patient, x.Registers, Urgent = u })
            .LeftJoin(EndOfLife(db.CareFlags.Where(OfPatients<CareFlag>(f => f.PatientId, patientIds)), date), x => x.Patient.Id, e => e.PatientId, (x, e) => new
            {
                x.Patient,
                // Null where the patient has no row on that side: no register, no urgent care, not on the end-of-life register.
                Registers = (int?)x.Registers!.Registers,
                x.Registers!.Cancer,
                x.Registers!.FrailtyOrDementia,
                x.Registers!.Disability,
                x.Registers!.OrganFailure,
                EmergencyAdmissions = (int?)x.Urgent!.EmergencyAdmissions,
                EndOfLife = (int?)e!.PatientId,
            })
            .Select(x => new PatientSegment
            {
                PatientId = x.Patient.Id,
                Segment = x.EndOfLife != null || (x.Cancer > 0 && x.EmergencyAdmissions >= ExacerbationAdmissions)
                    ? BridgesToHealthSegment.IncurableCancerAndEndOfLife
                    : x.FrailtyOrDementia > 0 ? BridgesToHealthSegment.FrailtyAndDementia
                    : x.Disability > 0 ? BridgesToHealthSegment.Disability
                    : x.Registers >= HighComplexityRegisters || (x.OrganFailure > 0 && x.EmergencyAdmissions >= ExacerbationAdmissions)
                        ? BridgesToHealthSegment.ChronicConditionsHighComplexity
                    : x.Registers != null ? BridgesToHealthSegment.ChronicConditionsLowComplexity
                    : x.Patient.BirthYear * 12 + x.Patient.BirthMonth > bornAfter ? BridgesToHealthSegment.MaternalAndInfantHealth
                    : x.EmergencyAdmissions != null ? BridgesToHealthSegment.AcutelyIll
                    : BridgesToHealthSegment.Healthy,
            });
    }

    /// <summary>
    /// Rows of <paramref name="patientIds"/> only (the list one array-like parameter, as in <see cref="DerivedRows"/>: an ingest's
    /// batch may name tens of thousands), or everyone's when null.
    /// </summary>
    private static Expression<Func<T, bool>> OfPatients<T>(Expression<Func<T, int>> patientId, IReadOnlyCollection<int>? patientIds)
    {
        if (patientIds is null)
            return _ => true;
        Expression<Func<int, bool>> listed = id => EF.Parameter(patientIds).Contains(id);
        return ExpressionRules.Applied(listed, patientId);
    }

    /// <summary>
    /// For each patient on at least one register on the day, how many and which of the rules' groups: the rows of
    /// <see cref="PhmDbContext.RegistersHeld"/> (written for the store's reference date), grouped by patient.
    /// </summary>
    private static IQueryable<RegisterSummary> RegistersHeld(IQueryable<RegisterHeld> held) =>
        held
            .GroupBy(h => h.PatientId)
            .Select(g => new RegisterSummary
            {
                PatientId = g.Key,
                Registers = g.Count(),
                Cancer = g.Count(h => h.Register == ConditionRegister.Cancer),
                FrailtyOrDementia = g.Count(h => h.Register == ConditionRegister.Dementia || h.Register == ConditionRegister.Frailty),
                Disability = g.Count(h => h.Register == ConditionRegister.LearningDisability || h.Register == ConditionRegister.SeriousMentalIllness),
                OrganFailure = g.Count(h => h.Register == ConditionRegister.HeartFailure || h.Register == ConditionRegister.Copd
                    || h.Register == ConditionRegister.ChronicKidneyDisease),
            });

    /// <summary>For each patient with an emergency admission or A&amp;E attendance in the last 12 months, the number of emergency admissions.</summary>
    private static IQueryable<UrgentCareSummary> UrgentCare(IQueryable<Activity> activities, DateOnly date)
    {
        var (from, to) = CriteriaWindow.Months(ActivityMonths).On(date);
        return activities
            .Where(a => (a.Kind == ActivityKind.EmergencyAdmission || a.Kind == ActivityKind.AeAttendance) && a.Date >= from && a.Date <= to)
            .GroupBy(a => a.PatientId)
            .Select(g => new UrgentCareSummary { PatientId = g.Key, EmergencyAdmissions = g.Count(a => a.Kind == ActivityKind.EmergencyAdmission) });
    }

    /// <summary>The patients on the end-of-life register on the day, once each.</summary>
    private static IQueryable<PatientRow> EndOfLife(IQueryable<CareFlag> flags, DateOnly date) =>
        flags
            .Where(f => f.Kind == CareFlagKind.EndOfLifeRegister && f.RecordedOn <= date)
            .GroupBy(f => f.PatientId)
            .Select(g => new PatientRow { PatientId = g.Key });

    // Classes with settable members, not records: EF Core composes further queries only over member initialisation.
    private sealed class RegisterSummary
    {
        public int PatientId { get; init; }
        public int Registers { get; init; }
        public int Cancer { get; init; }
        public int FrailtyOrDementia { get; init; }
        public int Disability { get; init; }
        public int OrganFailure { get; init; }
    }

    private sealed class UrgentCareSummary
    {
        public int PatientId { get; init; }
        public int EmergencyAdmissions { get; init; }
    }

    private sealed class PatientRow
    {
        public int PatientId { get; init; }
    }
}
