using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>
/// One impactability signal: who has it, as a predicate EF Core runs as SQL on every provider (<see cref="Holds"/>), and
/// why, in words with the values, for a page of patients (<see cref="ExplainAsync"/>). A signal holds only for a patient
/// alive at the reference date, and looks at the window (R − <see cref="ImpactabilityOptions.WindowMonths"/> months, R].
/// </summary>
public abstract class ImpactabilitySignalRule(ImpactabilityOptions options)
{
    protected ImpactabilityOptions Options { get; } = options;

    public abstract ImpactabilitySignal Signal { get; }

    /// <summary>The patients the signal holds for at <paramref name="referenceDate"/>, as a predicate on the patient, reading <paramref name="db"/>'s sets (and so its PCN scope).</summary>
    public Expression<Func<Patient, bool>> Holds(PhmDbContext db, DateOnly referenceDate) =>
        ExpressionRules.And(ExpressionRules.Inline<Func<Patient, bool>>(p => Patient.AliveOn.Invoke(p, referenceDate)), Condition(db, referenceDate));

    /// <summary>
    /// The words of the signal, with the values that make it hold, for each of <paramref name="patientIds"/> it holds for
    /// (the others are left out): two queries for the page, whatever its size.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, string>> ExplainAsync(PhmDbContext db, IReadOnlyCollection<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var holding = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).Where(Holds(db, referenceDate))
            .Select(p => p.Id).ToListAsync(cancellationToken);
        return holding.Count == 0 ? new Dictionary<int, string>() : await DescribeAsync(db, holding, referenceDate, cancellationToken);
    }

    /// <summary>The signal's own condition, aliveness aside.</summary>
    protected abstract Expression<Func<Patient, bool>> Condition(PhmDbContext db, DateOnly referenceDate);

    /// <summary>The words for patients the signal holds for.</summary>
    protected abstract Task<IReadOnlyDictionary<int, string>> DescribeAsync(PhmDbContext db, IReadOnlyList<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken);

    /// <summary>The first day after the window's start: contacts on or after it, up to the reference date, are in the window.</summary>
    protected DateOnly WindowStart(DateOnly referenceDate) => referenceDate.AddMonths(-Options.WindowMonths).AddDays(1);

    protected string InTheWindow => Options.WindowMonths == 12 ? "in the last 12 months" : $"in the last {Options.WindowMonths} months";
}
