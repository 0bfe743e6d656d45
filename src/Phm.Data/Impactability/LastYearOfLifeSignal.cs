using System.Linq.Expressions;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>
/// Likely in the last year of life by the mortality model (<see cref="ImpactabilityOptions.MortalityModel"/>: tier
/// <see cref="ImpactabilityOptions.MortalityTierAtLeast"/> or higher, or a probability of at least
/// <see cref="ImpactabilityOptions.MortalityProbabilityAtLeast"/> when set) and not on the end-of-life register by the
/// reference date: people who could be offered advance care planning and are not yet (the GSF's "surprise question",
/// asked of a list by a model).
/// </summary>
internal sealed class LastYearOfLifeSignal(ImpactabilityOptions options) : ImpactabilitySignalRule(options)
{
    public override ImpactabilitySignal Signal => ImpactabilitySignal.LastYearOfLifeWithoutEndOfLifeRegister;

    protected override Expression<Func<Patient, bool>> Condition(PhmDbContext db, DateOnly referenceDate)
    {
        var model = Options.MortalityModel;
        var tier = Options.MortalityTierAtLeast;
        // Without a probability threshold, one above every probability: the tier alone decides.
        var probability = Options.MortalityProbabilityAtLeast ?? 2;
        return p => db.RiskScores.Any(s => s.PatientId == p.Id && s.Model == model && (s.Tier <= tier || s.Probability >= probability))
            && !db.CareFlags.Any(f => f.PatientId == p.Id && f.Kind == CareFlagKind.EndOfLifeRegister && f.RecordedOn <= referenceDate);
    }

    protected override async Task<IReadOnlyDictionary<int, string>> DescribeAsync(PhmDbContext db, IReadOnlyList<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var scores = await RiskWords.ScoresAsync(db, Options.MortalityModel, patientIds, cancellationToken);
        return scores.ToDictionary(s => s.PatientId, s =>
            $"likely last year of life: {RiskWords.Describe(s, Options.MortalityModel, "death")}, and not on the end-of-life register");
    }
}
