using System.Linq.Expressions;

namespace Phm.Data.Patients;

/// <summary>
/// Who is on a condition register on a day: one rule, written once as expressions, that EF Core runs as SQL
/// (<see cref="OnRegister"/>) and that patients in memory answer compiled (<see cref="IsOnRegister"/>).
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

    /// <summary>
    /// Old enough on the day: born in or before the month that many years back (the birth day is unknown by design; the
    /// 1st is assumed, as <see cref="Patient.AgeOn(DateOnly)"/> does).
    /// </summary>
    private static readonly Expression<Func<Patient, RegisterDay, bool>> OldEnough =
        (p, on) => p.BirthYear * 12 + p.BirthMonth <= (on.Date.Year - on.Register.MinimumAge()) * 12 + on.Date.Month;

    /// <summary>A diagnosis that holds on the day, among the register entries given (a patient's, or everyone's).</summary>
    private static readonly Expression<Func<Condition, IEnumerable<Condition>, RegisterDay, bool>> Holds =
        (c, entries, on) => c.Register == on.Register && c.Kind == ConditionKind.Diagnosis && c.OnsetDate <= on.Date
            && !entries.Any(r => r.PatientId == c.PatientId && r.Register == on.Register && r.Kind == ConditionKind.Resolved
                && r.OnsetDate >= c.OnsetDate && r.OnsetDate <= on.Date);

    private static readonly Func<Patient, RegisterDay, bool> OldEnoughInMemory = OldEnough.Compile();
    private static readonly Func<Condition, IEnumerable<Condition>, RegisterDay, bool> HoldsInMemory = Holds.Compile();

    /// <summary>The patients on <paramref name="register"/> on <paramref name="date"/>, their entries taken from <paramref name="conditions"/>.</summary>
    public static IQueryable<Patient> OnRegister(this IQueryable<Patient> patients, IQueryable<Condition> conditions, ConditionRegister register, DateOnly date)
    {
        // The day goes in as a constant's members, which EF Core sends as parameters.
        var on = Expression.Constant(new RegisterDay(register, date));
        // "Id IN (the register's holders)" rather than EXISTS per patient: SQLite then starts from the register's index.
        var holders = conditions.Where(Bind<Condition>(Holds, conditions.Expression, on)).Select(c => c.PatientId);
        return patients.Where(Bind<Patient>(OldEnough, on)).Where(p => holders.Contains(p.Id));
    }

    /// <summary>Whether a patient whose <see cref="Patient.Conditions"/> are loaded is on the register on the day.</summary>
    public static bool IsOnRegister(this Patient patient, ConditionRegister register, DateOnly date)
    {
        var on = new RegisterDay(register, date);
        return OldEnoughInMemory(patient, on) && patient.Conditions.Exists(c => HoldsInMemory(c, patient.Conditions, on));
    }

    /// <summary>The rule as a predicate on its first parameter, the others replaced by the arguments given.</summary>
    private static Expression<Func<T, bool>> Bind<T>(LambdaExpression rule, params Expression[] laterArguments)
    {
        var replacements = rule.Parameters.Skip(1).Zip(laterArguments).ToDictionary(p => (Expression)p.First, p => p.Second);
        return Expression.Lambda<Func<T, bool>>(new Replacer(replacements).Visit(rule.Body), rule.Parameters[0]);
    }

    private sealed class Replacer(Dictionary<Expression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node, node);
    }

    /// <summary>A register on a day: what the rule is asked.</summary>
    private sealed record RegisterDay(ConditionRegister Register, DateOnly Date);
}
