using System.Globalization;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Store;

namespace Phm.Api.Inequality;

/// <summary>Whether a measure is a share of its population (Wilson score limits) or a count of events in it (exact or Byar's limits).</summary>
public enum RateKind
{
    Proportion,
    Rate,
}

/// <summary>
/// What an inequality analysis counts: a population (its denominator) and, within it, the rows of its numerator. A new
/// measure (a saved cohort's members, say) is a subclass that says which patients of the population it counts, and a member
/// of <see cref="InequalityMeasureInputType"/> that makes it.
/// </summary>
public abstract record InequalityMeasure
{
    /// <summary>The measure in words, e.g. "patients on the Diabetes register at 2021-01-01".</summary>
    public abstract string Describe(DateOnly referenceDate);

    public abstract RateKind RateKind { get; }

    /// <summary>What the rate is per: 100 for a percentage, 1,000 or 100,000 for a rate.</summary>
    public abstract int Multiplier { get; }

    /// <summary>The day the population is taken (alive and born by then) and ages are counted: the reference date unless the measure looks forward from an earlier day.</summary>
    public virtual DateOnly PopulationDate(DateOnly referenceDate) => referenceDate;

    /// <summary>Rejects a measure the store cannot answer; <paramref name="argument"/> names it in the error.</summary>
    public virtual void Validate(string argument)
    {
    }

    /// <summary>The denominator: the registered patients alive at <see cref="PopulationDate"/>.</summary>
    public IQueryable<Patient> Population(PhmDbContext db, DateOnly referenceDate)
    {
        var date = PopulationDate(referenceDate);
        return db.Patients.BornBy(date).AliveOn(date);
    }

    /// <summary>
    /// The extension point: the rows the numerator counts, each a patient of <paramref name="population"/> (a patient once for
    /// a share, or once per event for a rate of events). Counted in the database, by LSOA and age band.
    /// </summary>
    public abstract IQueryable<Patient> Numerator(IQueryable<Patient> population, PhmDbContext db, DateOnly referenceDate);

    protected static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Register prevalence: the share of the population on a register at the reference date (<see cref="RegisterRules"/>, as held with the store).</summary>
public sealed record RegisterPrevalenceMeasure(ConditionRegister Register) : InequalityMeasure
{
    public override RateKind RateKind => RateKind.Proportion;

    public override int Multiplier => 100;

    public override string Describe(DateOnly referenceDate) => $"patients on the {Register.Words()} register at {Day(referenceDate)}, per 100 patients";

    public override IQueryable<Patient> Numerator(IQueryable<Patient> population, PhmDbContext db, DateOnly referenceDate) =>
        population.Where(RegisterRules.HeldAtReferenceDate(db.RegistersHeld, Register));
}

/// <summary>What an activity measure counts: every event, or the people with at least one.</summary>
public enum ActivityCounting
{
    Events,
    People,
}

/// <summary>
/// Activity of one kind in the last <see cref="Months"/> months up to the reference date, included (<see cref="CriteriaWindow"/>, as
/// cohort criteria, characterisation and segmentation count them), of the patients alive at the reference date: events per
/// 1,000 patients, or the percentage of patients with at least one.
/// </summary>
public sealed record ActivityMeasure(ActivityKind Kind, int Months, ActivityCounting Count) : InequalityMeasure
{
    /// <summary>As far back as the generated activity goes.</summary>
    public const int LongestWindowMonths = PopulationSettings.ActivityHistoryMonths;

    public override RateKind RateKind => Count == ActivityCounting.Events ? RateKind.Rate : RateKind.Proportion;

    public override int Multiplier => Count == ActivityCounting.Events ? 1000 : 100;

    public override string Describe(DateOnly referenceDate) => Count == ActivityCounting.Events
        ? $"{Kind.Words()}s {Window.Words()} to {Day(referenceDate)}, per 1,000 patients"
        : $"patients with at least one {Kind.Words()} {Window.Words()} to {Day(referenceDate)}, per 100 patients";

    public override void Validate(string argument) => InequalityWindowError.ThrowIfOutOfRange($"{argument}.months", Months, LongestWindowMonths);

    private CriteriaWindow Window => CriteriaWindow.Months(Months);

    public override IQueryable<Patient> Numerator(IQueryable<Patient> population, PhmDbContext db, DateOnly referenceDate)
    {
        var (from, to) = Window.On(referenceDate);
        var activity = db.Activities.Where(a => a.Kind == Kind && a.Date >= from && a.Date <= to);
        return Count == ActivityCounting.Events
            ? population.Join(activity, p => p.Id, a => a.PatientId, (p, a) => p)
            : population.Where(p => activity.Any(a => a.PatientId == p.Id));
    }
}

/// <summary>
/// Mortality: of the patients alive at the start of the <see cref="Months"/> before the reference date, those who died by the
/// reference date, per 100,000 (a crude mortality rate, with Poisson limits as OHID gives them); ages at the window's start.
/// </summary>
public sealed record MortalityMeasure(int Months) : InequalityMeasure
{
    public const int DefaultMonths = 12;
    public const int LongestWindowMonths = 36;

    public override RateKind RateKind => RateKind.Rate;

    public override int Multiplier => 100_000;

    public override DateOnly PopulationDate(DateOnly referenceDate) => referenceDate.AddMonths(-Months);

    public override string Describe(DateOnly referenceDate) =>
        $"deaths in the {Months} months to {Day(referenceDate)} of the patients alive at {Day(PopulationDate(referenceDate))}, per 100,000";

    public override void Validate(string argument) => InequalityWindowError.ThrowIfOutOfRange($"{argument}.months", Months, LongestWindowMonths);

    public override IQueryable<Patient> Numerator(IQueryable<Patient> population, PhmDbContext db, DateOnly referenceDate) =>
        population.DeadBy(referenceDate);
}
