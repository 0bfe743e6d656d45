using Phm.Data.Risk;

namespace Phm.Data.Aggregates;

/// <summary>
/// One model's scores of the patients registered at one practice and living in one LSOA, in one tier: how many, the sum of their
/// record keys (<see cref="Governance.PatientRecordKey"/>) and the sum of their probabilities. Kept by <see cref="KeptCells"/>
/// whenever the model's scores or the scored patients' practice or LSOA change, so a risk distribution adds up cells instead of
/// joining every score to its patient on every request.
/// </summary>
public sealed class RiskScoreCell
{
    public required string Model { get; init; }
    public required string PracticeCode { get; init; }
    public required string LsoaCode { get; init; }
    public RiskTier Tier { get; init; }
    public int Patients { get; init; }
    public long RecordKeySum { get; init; }
    public double ProbabilitySum { get; init; }
}
