using System.Linq.Expressions;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>
/// In the top tiers of the emergency-admission model (<see cref="ImpactabilityOptions.AdmissionModel"/>, tier
/// <see cref="ImpactabilityOptions.AdmissionTierAtLeast"/> or higher) with no care plan recorded by the reference date:
/// the people proactive case management is for, not yet planned for.
/// </summary>
internal sealed class TopRiskWithoutCarePlanSignal(ImpactabilityOptions options) : ImpactabilitySignalRule(options)
{
    public override ImpactabilitySignal Signal => ImpactabilitySignal.TopRiskWithoutCarePlan;

    protected override Expression<Func<Patient, bool>> Condition(PhmDbContext db, DateOnly referenceDate)
    {
        var model = Options.AdmissionModel;
        var tier = Options.AdmissionTierAtLeast;
        return p => db.RiskScores.Any(s => s.PatientId == p.Id && s.Model == model && s.Tier <= tier)
            && !db.CareFlags.Any(f => f.PatientId == p.Id && f.Kind == CareFlagKind.CarePlan && f.RecordedOn <= referenceDate);
    }

    protected override async Task<IReadOnlyDictionary<int, string>> DescribeAsync(PhmDbContext db, IReadOnlyList<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var scores = await RiskWords.ScoresAsync(db, Options.AdmissionModel, patientIds, cancellationToken);
        return scores.ToDictionary(s => s.PatientId, s =>
            $"top risk tier: {RiskWords.Describe(s, Options.AdmissionModel, "an emergency admission")}, and no care plan recorded");
    }
}
