using System.Linq.Expressions;

namespace Phm.Data.Patients;

/// <summary>
/// The hub's age bands, in whole years on a day: those the risk models are evaluated in (0-17, 18-44, 45-64, 65-74, 75-84, 85+),
/// used by every aggregate that crosses patients with age.
/// </summary>
public enum AgeBand
{
    From0To17 = 1,
    From18To44 = 2,
    From45To64 = 3,
    From65To74 = 4,
    From75To84 = 5,
    From85 = 6,
}

public static class AgeBands
{
    /// <summary>The youngest age of each band, in band order.</summary>
    private static readonly int[] Starts = [0, 18, 45, 65, 75, 85];

    /// <summary>The band of an age in whole years (a negative age, of someone not yet born, counts as 0).</summary>
    public static AgeBand Of(int age) => (AgeBand)(Array.FindLastIndex(Starts, start => age >= start) is var i and >= 0 ? i + 1 : 1);

    /// <summary>The youngest age in the band.</summary>
    public static int From(this AgeBand band) => Starts[(int)band - 1];

    /// <summary>The oldest age in the band; null for the last, which is open.</summary>
    public static int? To(this AgeBand band) => (int)band < Starts.Length ? Starts[(int)band] - 1 : null;

    /// <summary>"0-17" ... "85+".</summary>
    public static string Label(this AgeBand band) => band.To() is { } to ? $"{band.From()}-{to}" : $"{band.From()}+";

    /// <summary>
    /// Each patient's band on <paramref name="date"/> as an expression EF Core runs as SQL (a CASE from the oldest band down):
    /// at least an age on the day is born in or before the month that many years back, as <see cref="Patient.AgeOn(DateOnly)"/> counts.
    /// </summary>
    public static Expression<Func<Patient, AgeBand>> On(DateOnly date)
    {
        var month = date.Year * 12 + date.Month;
        // The bounds go in as a constant's members, which EF Core sends as parameters.
        var bounds = Expression.Property(Expression.Constant(new BirthMonthBounds([.. Starts.Select(start => month - 12 * start)])), nameof(BirthMonthBounds.BornBy));
        var patient = Expression.Parameter(typeof(Patient), "p");
        var birthMonth = Expression.Add(
            Expression.Multiply(Expression.Property(patient, nameof(Patient.BirthYear)), Expression.Constant(12)),
            Expression.Property(patient, nameof(Patient.BirthMonth)));
        Expression band = Expression.Constant(AgeBand.From0To17);
        for (var i = 1; i < Starts.Length; i++)
        {
            band = Expression.Condition(
                Expression.LessThanOrEqual(birthMonth, Expression.ArrayIndex(bounds, Expression.Constant(i))),
                Expression.Constant((AgeBand)(i + 1)),
                band);
        }
        return Expression.Lambda<Func<Patient, AgeBand>>(band, patient);
    }

    /// <summary>For each band, the latest birth month (year × 12 + month) of someone at least its youngest age on the day.</summary>
    private sealed record BirthMonthBounds(int[] BornBy);
}
