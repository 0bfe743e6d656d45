using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Data.Patients;

/// <summary>
/// Who is on a condition register on a day: one rule, written once as expressions, that EF Core runs as SQL
/// (<see cref="OnRegister"/>), that patients in memory answer compiled (<see cref="IsOnRegister"/>), and whose answer for
/// everyone at the store's reference date is written with the store (<see cref="WriteRegistersHeldAsync"/>).
/// A patient is on a register when they are old enough for it on the day and one of its diagnoses holds: recorded on or
/// before the day, with no resolution of the register recorded between it and the day (QOF: the latest diagnosis later
/// than the latest resolved code; a resolution on the day of a diagnosis ends it). A later diagnosis opens a new entry.
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

    /// <summary>
    /// The rule over a patient and register entries (theirs, or everyone's). Old enough: born in or before the month that
    /// many years back (the birth day is unknown by design; the 1st is assumed, as <see cref="Patient.AgeOn(DateOnly)"/>
    /// does). A diagnosis holds: one recorded by the day, and no resolution recorded by the day that no later diagnosis
    /// followed (the same as "a diagnosis with no resolution between it and the day", written so that SQL reads each part
    /// from one index as a list of patient ids, and only the few resolutions need a look at their patient's entries).
    /// </summary>
    private static readonly Expression<Func<Patient, IEnumerable<Condition>, RegisterDay, bool>> Rule =
        (p, entries, on) => p.BirthYear * 12 + p.BirthMonth <= (on.Date.Year - on.Register.MinimumAge()) * 12 + on.Date.Month
            && entries.Where(d => d.Register == on.Register && d.Kind == ConditionKind.Diagnosis && d.OnsetDate <= on.Date)
                .Select(d => d.PatientId).Contains(p.Id)
            && !entries.Where(r => r.Register == on.Register && r.Kind == ConditionKind.Resolved && r.OnsetDate <= on.Date
                    && !entries.Any(d => d.PatientId == r.PatientId && d.Register == on.Register && d.Kind == ConditionKind.Diagnosis
                        && d.OnsetDate > r.OnsetDate && d.OnsetDate <= on.Date))
                .Select(r => r.PatientId).Contains(p.Id);

    private static readonly Func<Patient, IEnumerable<Condition>, RegisterDay, bool> RuleInMemory = Rule.Compile();

    /// <summary>The patients on <paramref name="register"/> on <paramref name="date"/>, their entries taken from <paramref name="conditions"/>.</summary>
    public static IQueryable<Patient> OnRegister(this IQueryable<Patient> patients, IQueryable<Condition> conditions, ConditionRegister register, DateOnly date) =>
        patients.Where(OnRegisterPredicate(conditions, register, date));

    /// <summary>
    /// On <paramref name="register"/> at the store's reference date, as a predicate on a patient: among the register's holders in
    /// <paramref name="held"/> (<see cref="PhmDbContext.RegistersHeld"/>, the rule's answer written with the store), one list from
    /// its (Register, PatientId) index instead of the rule's lists of diagnoses and resolutions. A list, not a probe per patient:
    /// SQLite can then start a page from the holders rather than walk every patient in pseudonym order. Other days need the
    /// rule (<see cref="OnRegister"/>).
    /// </summary>
    public static Expression<Func<Patient, bool>> HeldAtReferenceDate(IQueryable<RegisterHeld> held, ConditionRegister register) =>
        ExpressionRules.Bind(HeldAtReferenceDate(held), ExpressionRules.Captured(register));

    /// <summary>
    /// <see cref="HeldAtReferenceDate(IQueryable{RegisterHeld}, ConditionRegister)"/> with the register a parameter of the rule, written out
    /// in the tree (a compiled query's parameter then stays one the compiled query gives).
    /// </summary>
    public static Expression<Func<Patient, ConditionRegister, bool>> HeldAtReferenceDate(IQueryable<RegisterHeld> held) =>
        (p, register) => held.Where(h => h.Register == register).Select(h => h.PatientId).Contains(p.Id);

    /// <summary>The rule as a predicate on a patient.</summary>
    private static Expression<Func<Patient, bool>> OnRegisterPredicate(IQueryable<Condition> conditions, ConditionRegister register, DateOnly date) =>
        // The day goes in as a constant's members, which EF Core sends as parameters.
        Bind(Rule, conditions.Expression, Expression.Constant(new RegisterDay(register, date)));

    /// <summary>
    /// Replaces the registers held on <paramref name="date"/> (the store's reference date) of <paramref name="patientIds"/>, or of
    /// everyone when null, in <see cref="PhmDbContext.RegistersHeld"/>: one INSERT … SELECT of the rule's rows (<see cref="ByRule"/>),
    /// inside the caller's transaction. The store build writes everyone's and each ingest batch those of the patients it touched,
    /// so that a count or a classification of registers reads a few indexed rows per patient instead of running the rule for every
    /// register. Returns the rows written.
    /// </summary>
    public static Task<int> WriteRegistersHeldAsync(PhmDbContext db, DateOnly date, IReadOnlyCollection<int>? patientIds, CancellationToken cancellationToken) =>
        DerivedRows.ReplaceAsync(db, patientIds, (patients, _) => ByRule(patients, db.Conditions, date),
            [nameof(RegisterHeld.PatientId), nameof(RegisterHeld.Register)], cancellationToken);

    /// <summary>
    /// One row per register each of <paramref name="patients"/> is on on <paramref name="date"/> (each register's holders by
    /// <see cref="OnRegister"/>, all in one UNION ALL): what <see cref="WriteRegistersHeldAsync"/> writes.
    /// </summary>
    private static IQueryable<RegisterHeld> ByRule(IQueryable<Patient> patients, IQueryable<Condition> conditions, DateOnly date) =>
        Enum.GetValues<ConditionRegister>()
            .Select(register => patients.OnRegister(conditions, register, date).Select(p => new RegisterHeld { PatientId = p.Id, Register = register }))
            .Aggregate(Queryable.Concat);

    /// <summary>Whether a patient whose <see cref="Patient.Conditions"/> are loaded is on the register on the day.</summary>
    public static bool IsOnRegister(this Patient patient, ConditionRegister register, DateOnly date) =>
        RuleInMemory(patient, patient.Conditions, new RegisterDay(register, date));

    /// <summary>The rule as a predicate on the patient, the entries and the day replaced by the expressions given.</summary>
    private static Expression<Func<Patient, bool>> Bind(LambdaExpression rule, Expression entries, Expression day)
    {
        var replacements = new Dictionary<ParameterExpression, Expression> { [rule.Parameters[1]] = entries, [rule.Parameters[2]] = day };
        return Expression.Lambda<Func<Patient, bool>>(new ExpressionRules.ParameterReplacer(replacements).Visit(rule.Body), rule.Parameters[0]);
    }

    /// <summary>A register on a day: what the rule is asked.</summary>
    private sealed record RegisterDay(ConditionRegister Register, DateOnly Date);
}

/// <summary>
/// A register a patient is on at the store's reference date, as <see cref="RegisterRules"/> decides it: written with the store
/// and by each ingest (<see cref="RegisterRules.WriteRegistersHeldAsync"/>), read wherever registers are counted or classified
/// (the registerCount criterion and its why, segmentation, impactability, the risk features at the reference date).
/// </summary>
public sealed class RegisterHeld
{
    public int PatientId { get; init; }
    public ConditionRegister Register { get; init; }
}
