using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Population;

/// <summary>
/// The generated population's outcome process, and the exact probabilities it implies. Each patient has a constant
/// yearly hazard of death h and, for each kind of activity, a constant yearly rate λ while alive (<see cref="GeneratorTruth"/>):
/// death comes at an exponential time from the start of the patient's window, activity as a Poisson process that stops at
/// death, and each event is dated on the day it falls in. Nothing else the generator writes depends on when a patient
/// dies or on which events happen, so given the parameters nothing in the store predicts an outcome better.
/// <para>
/// For a patient alive on an index date t (<see cref="Patient.AliveOn"/>: no death on or before t) the outcome year holds
/// the dates after t up to t plus one year, T = its days / 365.25 years. By the memoryless property, from the start of
/// that year:
/// </para>
/// <list type="bullet">
/// <item>P(death in the year) = 1 − e^(−hT);</item>
/// <item>P(at least n events of a kind with rate λ) = (λ / (λ + h))^n · P(n, (λ + h)T), P the regularised lower
/// incomplete gamma function: events and death form one Poisson process of rate λ + h, and the outcome happens when its
/// first n points arrive within T and are all events. For n = 1 this is λ / (λ + h) · (1 − e^(−(λ + h)T)).</item>
/// </list>
/// The process runs on past the reference date, so the probabilities hold for any index date, also the reference date
/// itself, whose outcome year the store does not hold.
/// </summary>
public static class GeneratedTruth
{
    /// <summary>Rates are per year of 365.25 days.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>
    /// The true probability of <paramref name="outcome"/> in the year after <paramref name="indexDate"/> for every
    /// generated patient born by and alive on that date, by patient id. Ingested patients have no truth and are absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, double>> ProbabilitiesAsync(
        PhmDbContext db, GeneratedOutcome outcome, DateOnly indexDate, CancellationToken cancellationToken)
    {
        var truths = await db.Set<GeneratorTruth>().AsNoTracking()
            .Join(
                db.Patients.AliveOn(indexDate).BornBy(indexDate),
                truth => truth.PatientId,
                patient => patient.Id,
                (truth, _) => truth)
            .ToListAsync(cancellationToken);
        return truths.ToDictionary(truth => truth.PatientId, truth => Probability(truth, outcome, indexDate));
    }

    /// <summary>The true probability of <paramref name="outcome"/> in the year after <paramref name="indexDate"/>, for a patient alive on that date.</summary>
    public static double Probability(GeneratorTruth truth, GeneratedOutcome outcome, DateOnly indexDate)
    {
        var years = (GeneratedOutcome.YearEnd(indexDate).DayNumber - indexDate.DayNumber) / DaysPerYear;
        var hazard = truth.DeathHazardPerYear;
        if (outcome.Kind is not { } kind)
            return 1 - Math.Exp(-hazard * years);

        var rate = truth.RatePerYear(kind);
        if (rate <= 0)
            return 0;
        return Math.Pow(rate / (rate + hazard), outcome.AtLeast) * SpecialFunctions.GammaLowerRegularized(outcome.AtLeast, (rate + hazard) * years);
    }

    /// <summary>Days from the start of the window to the first event at a constant yearly rate (death, for instance), which may fall after its end.</summary>
    internal static double DrawWaitingDays(double hazardPerYear, Random random) =>
        hazardPerYear > 0 ? -Math.Log(1 - random.NextDouble()) * DaysPerYear / hazardPerYear : double.PositiveInfinity;

    /// <summary>Events of one kind over <paramref name="exposureDays"/> days alive, as whole days from the start of the window.</summary>
    internal static int[] DrawEventDays(double ratePerYear, double exposureDays, Random random)
    {
        var mean = ratePerYear * exposureDays / DaysPerYear;
        var count = mean > 0 ? Poisson.Sample(random, mean) : 0;
        var days = new int[count];
        for (var i = 0; i < count; i++)
            days[i] = (int)(random.NextDouble() * exposureDays);
        return days;
    }
}

/// <summary>
/// An outcome a risk model predicts, and whose true probability the generator knows: death, or at least
/// <see cref="AtLeast"/> events of one kind (emergency admission: <c>Activity(EmergencyAdmission)</c>; five or more A&amp;E
/// attendances: <c>Activity(AeAttendance, 5)</c>), on a date in the year after an index date (<see cref="YearEnd"/>).
/// </summary>
public sealed record GeneratedOutcome
{
    /// <summary>
    /// The last day of the outcome year of index date t: the year holds the dates after t up to and including this one,
    /// (t, t + 1 year]. The one rule for the models' labels and the generator's truth.
    /// </summary>
    public static DateOnly YearEnd(DateOnly indexDate) => indexDate.AddYears(1);

    private GeneratedOutcome(ActivityKind? kind, int atLeast)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atLeast, 1);
        (Kind, AtLeast) = (kind, atLeast);
    }

    /// <summary>The kind of activity counted; null for death.</summary>
    public ActivityKind? Kind { get; }

    public int AtLeast { get; }

    public static GeneratedOutcome Death { get; } = new(null, 1);

    public static GeneratedOutcome Activity(ActivityKind kind, int atLeast = 1) => new(kind, atLeast);
}
