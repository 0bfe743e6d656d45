namespace Phm.Data.Aggregates;

/// <summary>
/// The patients alive at the store's reference date registered at one practice and living in one LSOA: how many, and the sum of
/// their record keys (<see cref="Governance.PatientRecordKey"/>), which disclosure control perturbs by. Kept by
/// <see cref="KeptCells"/> whenever the patients change, so a whole-PCN or whole-city profile adds up a few thousand cells instead
/// of counting every patient on every request.
/// </summary>
public sealed class PopulationCell
{
    public required string PracticeCode { get; init; }
    public required string LsoaCode { get; init; }
    public int Patients { get; init; }
    public long RecordKeySum { get; init; }
}
