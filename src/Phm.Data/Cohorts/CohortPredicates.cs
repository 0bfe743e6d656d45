using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Impactability;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Data.Cohorts;

/// <summary>
/// Criteria as one SQL condition on patients: each predicate an expression over the patient and subqueries of the same
/// context (so a PCN-scoped context sees only its own patients' records), joined as the tree says. Nothing is loaded.
/// </summary>
public static class CohortPredicates
{
    /// <summary>
    /// The <paramref name="patients"/> meeting <paramref name="criteria"/> at <paramref name="referenceDate"/>, the store's (registers
    /// are read from what the store holds for that day, <see cref="PhmDbContext.RegistersHeld"/>); criteria on impactability need
    /// the hub's configured <paramref name="impactability"/> rules.
    /// The scope filters of the records the criteria read (<see cref="PhmDbContext.RecordScopesOfScopedPatients"/>) are lifted for the
    /// whole statement (EF Core lifts a named filter per statement, not per subquery): every record the criteria read is the scoped
    /// patient's at hand, so the filters only checked it a second time. A statement built on the result must keep to that: records
    /// joined to its patients, never read beside them. (Lifting the records' filters once made PostgreSQL test the learning
    /// disability cohort's counts for every patient of the PCN before its register, 5 times slower, while the PCN was restricted
    /// twice; since it is restricted once, the lifted filters are what cut a patient page's and a cohort count's database CPU by
    /// half or more at 2,000,000 patients: README, 2,000,000 patients on PostgreSQL.)
    /// The <paramref name="patients"/> are the context's own, under its scope (a criterion of the scope's PCN is taken as met).
    /// <paramref name="parameters"/>, for a compiled query, give the values of some kinds of leaf (<see cref="LeafParameters"/>).
    /// </summary>
    public static IQueryable<Patient> Meeting(
        this IQueryable<Patient> patients, CohortCriteria criteria, PhmDbContext db, DateOnly referenceDate, ImpactabilitySignals? impactability = null,
        LeafParameters? parameters = null) =>
        patients.Where(Predicate(criteria, db, referenceDate, impactability, parameters)).IgnoreQueryFilters(PhmDbContext.RecordScopesOfScopedPatients);

    public static Expression<Func<Patient, bool>> Predicate(
        CohortCriteria criteria, PhmDbContext db, DateOnly referenceDate, ImpactabilitySignals? impactability = null, LeafParameters? parameters = null)
    {
        var patient = Expression.Parameter(typeof(Patient), "p");
        return Expression.Lambda<Func<Patient, bool>>(new Builder(db, referenceDate, impactability, parameters, patient).Body(criteria), patient);
    }

    /// <summary>
    /// Registers held by more than 7% of patients (of the generated 2,000,000: hypertension 10.7%, depression 8.9%, persistent pain
    /// 7.8%, obesity 7.4%), for which a scoped criterion reads the PCN's entries only (<c>RegisterEntriesOf</c>); asthma, at 5.7%,
    /// measured cheaper without (Living Well's respiratory cohort: 340-480 ms of PostgreSQL CPU a count against 600-620 with).
    /// </summary>
    private static readonly HashSet<ConditionRegister> HeldByMany =
        [ConditionRegister.Hypertension, ConditionRegister.Depression, ConditionRegister.Obesity, ConditionRegister.PersistentPain];

    /// <summary>
    /// A compiled query's parameters for the values of the leaves of these kinds (<c>practice</c>, a single <c>nationalQuintiles</c>, a
    /// <c>register</c> without onset): such a leaf reads its value from the parameter given instead of capturing its own, so that one
    /// statement serves every value and the rule is still written once, here. The leaves' values in the criteria are then not read.
    /// </summary>
    public sealed record LeafParameters(ParameterExpression? Practice = null, ParameterExpression? NationalQuintile = null, ParameterExpression? Register = null);

    private sealed class Builder(
        PhmDbContext db, DateOnly referenceDate, ImpactabilitySignals? impactability, LeafParameters? parameters, ParameterExpression patient)
    {
        public Expression Body(CohortCriteria node)
        {
            if (node.All is { } all)
                return all.Select(Body).Aggregate(Expression.AndAlso);
            if (node.Any is { } any)
                return any.Select(Body).Aggregate(Expression.OrElse);
            if (node.Not is { } not)
                return Expression.Not(Body(not));
            return On(Leaf(node));
        }

        /// <summary>A leaf's lambda with its patient parameter replaced by the tree's.</summary>
        private Expression On(Expression<Func<Patient, bool>> leaf) => ExpressionRules.BodyOn(leaf, patient);

        private Expression<Func<Patient, bool>> Leaf(CohortCriteria node) => node switch
        {
            { Age: { } age } => AgeBetween(age),
            { Sex: { } sex } => p => p.Sex == sex,
            { EthnicGroups: { } groups } => p => groups.Contains(p.EthnicGroup),
            { Pcn: { } pcn } => pcn == db.PatientScope.PcnCode ? p => true : InPcn(pcn),
            { Practice: { } practice } => ExpressionRules.Bind(Patient.AtPractice, parameters?.Practice ?? ExpressionRules.Captured(practice)),
            { Lsoa: { } lsoa } => p => p.LsoaCode == lsoa,
            // One quintile as an equality: a list parameter is expanded into one parameter per value, which EF Core does not keep
            // the statement's SQL for (it is built again on every request).
            { NationalQuintiles: [var quintile] } => ExpressionRules.Bind(InNationalQuintile, parameters?.NationalQuintile ?? ExpressionRules.Captured(quintile)),
            { NationalQuintiles: { } quintiles } => InLsoas(db.Lsoas.Where(l => quintiles.Contains(l.NationalQuintile))),
            { LocalQuintiles: [var quintile] } => InLsoas(db.Lsoas.Where(l => l.LocalQuintile == quintile)),
            { LocalQuintiles: { } quintiles } => InLsoas(db.Lsoas.Where(l => l.LocalQuintile != null && quintiles.Contains(l.LocalQuintile.Value))),
            { Register: { } register } => OnRegister(register),
            { RegisterCount: { } count } => RegisterCount(count),
            { Activity: { } activity } => ActivityCount(activity),
            { BedDays: { } bedDays } => BedDays(bedDays),
            { DaysSinceLastEmergencyAdmission: { } days } => DaysSinceLastEmergencyAdmission(days),
            { CareFlag: { } flag } => CareFlag(flag),
            { Risk: { } risk } => Risk(risk),
            { Impactability: { } signal } => (impactability ?? throw new InvalidOperationException(
                "Criteria on impactability need the hub's impactability rules (ImpactabilitySignals).")).Holds(signal, db, referenceDate),
            { Alive: true } => ExpressionRules.Inline<Func<Patient, bool>>(p => Patient.AliveOn.Invoke(p, referenceDate)),
            { Alive: false } => ExpressionRules.Inline<Func<Patient, bool>>(p => !Patient.AliveOn.Invoke(p, referenceDate)),
            _ => throw new ArgumentException("A criteria node sets none of its members.", nameof(node)),
        };

        /// <summary>Age in whole years is the number of whole twelve-month spans from the birth month to the reference month.</summary>
        private Expression<Func<Patient, bool>> AgeBetween(NumberRange age)
        {
            var referenceMonth = referenceDate.Year * 12 + referenceDate.Month;
            var bornByMonth = age.AtLeast is { } youngest ? referenceMonth - 12 * youngest : int.MaxValue;
            var bornAfterMonth = age.AtMost is { } oldest ? referenceMonth - 12 * (oldest + 1) : int.MinValue;
            return p => p.BirthYear * 12 + p.BirthMonth <= bornByMonth && p.BirthYear * 12 + p.BirthMonth > bornAfterMonth;
        }

        /// <summary>
        /// Registered at a member practice of <paramref name="pcn"/> at the reference date. In a context scoped to that PCN every patient
        /// is (the scope is that rule, at the store's reference date), so the criterion is no condition there: written out, it restricted
        /// the practices a second time beside the scope's filter, PostgreSQL multiplied the two and reckoned the PCN about 50 times
        /// smaller than it is, and counted each of its patients' activity before checking their register (a saved cohort's criteria
        /// start with their PCN, <see cref="CohortDefinition.ScopedCriteria"/>; see the README, Benchmarks). The scope stays.
        /// </summary>
        private Expression<Func<Patient, bool>> InPcn(string pcn)
        {
            var practices = db.PcnMemberships.ValidOn(referenceDate).Where(m => m.PcnCode == pcn).Select(m => m.PracticeCode);
            return p => practices.Contains(p.PracticeCode);
        }

        /// <summary>
        /// The patient's LSOA looked up by key (EXISTS), not the patients of a list of LSOAs (IN): with IN, SQLite reads a practice's
        /// page from the (practice, LSOA) index, every patient of those LSOAs sorted for the first 51 (8,073 rows for a page of
        /// J82081 in quintile 1, 1.2-1.7 ms); with the look-up it walks (practice, pseudonym) in page order until the page is full.
        /// A count over the whole city pays one look-up a patient instead (80 ms against 3 ms for quintile 1 in sqlite3).
        /// </summary>
        private static Expression<Func<Patient, bool>> InLsoas(IQueryable<Geography.Lsoa> lsoas) =>
            p => lsoas.Any(l => l.Code == p.LsoaCode);

        /// <summary>
        /// <see cref="InLsoas"/> of one national quintile, the quintile a parameter of the rule: written out in the tree rather than
        /// through a captured query, so that a compiled query's parameter in it stays one the compiled query gives.
        /// </summary>
        private Expression<Func<Patient, int, bool>> InNationalQuintile =>
            (p, quintile) => db.Lsoas.Where(l => l.NationalQuintile == quintile).Any(l => l.Code == p.LsoaCode);

        private Expression<Func<Patient, bool>> OnRegister(RegisterCriterion criterion)
        {
            var register = criterion.Register;
            if (criterion.Onset is null && parameters?.Register is { } registerParameter)
                return ExpressionRules.Bind(RegisterRules.HeldAtReferenceDate(RegisterEntriesOf(null)), registerParameter);
            var onRegister = RegisterRules.HeldAtReferenceDate(RegisterEntriesOf(register), register);
            if (criterion.Onset is not { } onset)
                return onRegister;
            var (from, to) = onset.On(referenceDate);
            var diagnosedInWindow = db.Conditions.Where(c => c.Register == register && c.Kind == ConditionKind.Diagnosis
                && c.OnsetDate <= to && (from == null || c.OnsetDate >= from));
            Expression<Func<Patient, bool>> inWindow = p => diagnosedInWindow.Any(c => c.PatientId == p.Id);
            return ExpressionRules.And(onRegister, inWindow);
        }

        /// <summary>
        /// The register's entries the criterion reads. With the records' scope filters lifted (<see cref="Meeting"/>), PostgreSQL
        /// takes a register's holders and looks each one's patient up: cheap for a register few hold, but for one held by many it
        /// looked up 157,000 patients of the city to keep a PCN's 19,000 (the persistent pain cohort's count 2.4 times the CPU at
        /// 2,000,000 patients). Those registers' entries keep to the scoped patients, as the scope filter kept them: the PCN's
        /// patients read once from the (practice, id) index and the entries tested against that list. A compiled query's register
        /// (<paramref name="register"/> null) may be any, held by many or not, so its entries keep to the scoped patients too.
        /// </summary>
        private IQueryable<RegisterHeld> RegisterEntriesOf(ConditionRegister? register) =>
            db.PatientScope.IsRestricted && (register is not { } known || HeldByMany.Contains(known))
                ? db.RegistersHeld.Where(db.OfScopedPatient<RegisterHeld>(h => h.PatientId))
                : db.RegistersHeld;

        /// <summary>
        /// The number of registers held at the reference date, counted from the patient's rows of <see cref="PhmDbContext.RegistersHeld"/>
        /// (a few adjacent rows of its key); a range that takes 0 takes those holding none.
        /// </summary>
        private Expression<Func<Patient, bool>> RegisterCount(NumberRange range)
        {
            var held = db.RegistersHeld;
            return WithValue(p => held.Count(h => h.PatientId == p.Id), range);
        }

        private Expression<Func<Patient, bool>> ActivityCount(ActivityCriterion criterion)
        {
            var activities = Within(db.Activities.Where(a => a.Kind == criterion.Kind), criterion.Window);
            return WithValue(p => activities.Count(a => a.PatientId == p.Id), criterion.Count);
        }

        private Expression<Func<Patient, bool>> BedDays(BedDaysCriterion criterion)
        {
            var admissions = Within(db.Activities.Where(a => Activity.AdmissionKinds.Contains(a.Kind)), criterion.Window);
            return WithValue(p => admissions.Where(a => a.PatientId == p.Id).Sum(a => a.LengthOfStayDays ?? 0), criterion.Days);
        }

        /// <summary>Met by a patient with an emergency admission by the reference date whose latest is within the range of days.</summary>
        private Expression<Func<Patient, bool>> DaysSinceLastEmergencyAdmission(NumberRange days)
        {
            var admissions = db.Activities.Where(a => a.Kind == ActivityKind.EmergencyAdmission && a.Date <= referenceDate);
            var latestFrom = days.AtMost is { } atMost ? referenceDate.AddDays(-atMost) : DateOnly.MinValue;
            var latestTo = days.AtLeast is { } atLeast ? referenceDate.AddDays(-atLeast) : referenceDate;
            var tooRecent = admissions.Where(a => a.Date > latestTo);
            return p => admissions.Any(a => a.PatientId == p.Id && a.Date >= latestFrom && a.Date <= latestTo)
                && !tooRecent.Any(a => a.PatientId == p.Id);
        }

        private Expression<Func<Patient, bool>> CareFlag(CareFlagCriterion criterion)
        {
            var flags = db.CareFlags.Where(f => f.Kind == criterion.Kind && f.RecordedOn <= referenceDate);
            return criterion.Present ? p => flags.Any(f => f.PatientId == p.Id) : p => !flags.Any(f => f.PatientId == p.Id);
        }

        private Expression<Func<Patient, bool>> Risk(RiskCriterion criterion)
        {
            var scores = criterion.Matching(db.RiskScores);
            if (criterion.Tiers is not null)
            {
                // Tiers are read from the (Model, Tier) index as one list of patients: a tier is a known share of the population,
                // small for the tiers worth asking for (0.5% to 5%), where probing each candidate's score costs one look-up each.
                var inTiers = scores.Select(s => s.PatientId);
                return p => inTiers.Contains(p.Id);
            }
            // Percentiles have no index: a correlated EXISTS probes the (Model, PatientId) key for the candidates at hand.
            return p => scores.Any(s => s.PatientId == p.Id);
        }

        private IQueryable<Activity> Within(IQueryable<Activity> activities, CriteriaWindow window)
        {
            var (from, to) = window.On(referenceDate);
            activities = activities.Where(a => a.Date <= to);
            return from is { } start ? activities.Where(a => a.Date >= start) : activities;
        }

        private static Expression<Func<Patient, bool>> WithValue(Expression<Func<Patient, int>> value, NumberRange range) =>
            Expression.Lambda<Func<Patient, bool>>(InRange(value.Body, range), value.Parameters);

        private static Expression InRange(Expression value, NumberRange range)
        {
            Expression? atLeast = range.AtLeast is { } low ? Expression.GreaterThanOrEqual(value, Expression.Constant(low)) : null;
            Expression? atMost = range.AtMost is { } high ? Expression.LessThanOrEqual(value, Expression.Constant(high)) : null;
            return (atLeast, atMost) switch
            {
                ({ } l, { } h) => Expression.AndAlso(l, h),
                ({ } l, null) => l,
                (null, { } h) => h,
                _ => Expression.Constant(true),
            };
        }
    }
}
