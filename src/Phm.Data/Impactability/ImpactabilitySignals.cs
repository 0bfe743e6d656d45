using System.Linq.Expressions;
using Microsoft.Extensions.Options;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>
/// The impactability signals with their parameters (<see cref="ImpactabilityOptions"/>): each one's rule, how many hold
/// for a patient (to order a worklist by impactability), and the words of those that hold for a page of patients.
/// Everything is a predicate or a query EF Core runs as SQL; no patient is loaded to decide a signal.
/// </summary>
public sealed class ImpactabilitySignals
{
    public ImpactabilitySignals(IOptions<ImpactabilityOptions> options)
    {
        var settings = options.Value;
        Rules =
        [
            new AcscAdmissionsSignal(settings),
            new TopRiskWithoutCarePlanSignal(settings),
            new FrequentUrgentCareWithoutReviewSignal(settings),
            new LastYearOfLifeSignal(settings),
        ];
    }

    /// <summary>Every signal's rule, in the order of <see cref="ImpactabilitySignal"/>.</summary>
    public IReadOnlyList<ImpactabilitySignalRule> Rules { get; }

    public ImpactabilitySignalRule this[ImpactabilitySignal signal] => Rules.Single(r => r.Signal == signal);

    /// <summary>Whether <paramref name="signal"/> holds for a patient at <paramref name="referenceDate"/>, as SQL.</summary>
    public Expression<Func<Patient, bool>> Holds(ImpactabilitySignal signal, PhmDbContext db, DateOnly referenceDate) => this[signal].Holds(db, referenceDate);

    /// <summary>How many of the signals hold for a patient (0 to 4), as SQL: order members by it, then by risk.</summary>
    public Expression<Func<Patient, int>> Count(PhmDbContext db, DateOnly referenceDate) =>
        ImpactabilityExpressions.CountOf([.. Rules.Select(rule => rule.Holds(db, referenceDate))]);

    /// <summary>For each of <paramref name="patientIds"/>, the signals that hold with their words, in signal order (none: an empty list).</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<ImpactabilityExplanation>>> ExplainAsync(
        PhmDbContext db, IReadOnlyCollection<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var explanations = patientIds.Distinct().ToDictionary(id => id, _ => new List<ImpactabilityExplanation>());
        // One signal after another: a context runs one query at a time.
        foreach (var rule in Rules)
        {
            foreach (var (patientId, words) in await rule.ExplainAsync(db, patientIds, referenceDate, cancellationToken))
                explanations[patientId].Add(new ImpactabilityExplanation(rule.Signal, words));
        }
        return explanations.ToDictionary(e => e.Key, e => (IReadOnlyList<ImpactabilityExplanation>)e.Value);
    }
}

/// <summary>A signal that holds for a patient, and why, in words with the values.</summary>
public sealed record ImpactabilityExplanation(ImpactabilitySignal Signal, string Words);
