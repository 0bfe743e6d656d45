using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// Care-planning flags. End-of-life registration follows the dying: most of those who die of a long decline (cancer, organ
/// failure, dementia, frailty) are registered months before, fewer of the rest; among the living, those at the highest risk
/// of death make the register up to the QOF palliative care level (0.28% in Southampton). Care plans, carers and
/// housebound status follow care needs, at assumed levels (4% of patients, 5% of adults, 6% of over-65s).
/// </summary>
internal sealed class CareFlagModel
{
    private const double PalliativeRegisterShare = 0.0028;
    private static readonly ConditionRegister[] LongDecline =
        [ConditionRegister.Cancer, ConditionRegister.HeartFailure, ConditionRegister.Copd, ConditionRegister.Dementia, ConditionRegister.Frailty, ConditionRegister.ChronicKidneyDisease];

    private readonly double _carePlanIntercept;
    private readonly double _carerIntercept;
    private readonly double _houseboundIntercept;
    private readonly double _endOfLifeThreshold;

    public CareFlagModel(List<PatientDraft> drafts)
    {
        var sample = PopulationGenerator.CalibrationSample(drafts);
        _carePlanIntercept = LogisticCalibrator.Intercept(sample.Select(CarePlanPredictor).ToList(), 0.04);
        _carerIntercept = LogisticCalibrator.Intercept(sample.Where(d => d.Age >= 18).Select(CarerPredictor).ToList(), 0.05);
        _houseboundIntercept = LogisticCalibrator.Intercept(sample.Where(d => d.Age >= 65).Select(HouseboundPredictor).ToList(), 0.06);

        var living = drafts.Where(d => d.DateOfDeath is null).Select(EndOfLifePredictor).OrderByDescending(x => x).ToList();
        _endOfLifeThreshold = living.Count == 0 ? double.MaxValue : living[Math.Min(living.Count - 1, (int)(drafts.Count * PalliativeRegisterShare))];
    }

    public IEnumerable<CareFlag> Draw(PatientDraft draft, int patientId, Random random)
    {
        var (from, to) = draft.Exposure;
        DateOnly During() => from.AddDays(random.Next(0, Math.Max(1, to.DayNumber - from.DayNumber)));

        if (EndOfLifeRecordedOn(draft, random) is { } recorded)
            yield return new CareFlag { PatientId = patientId, Kind = CareFlagKind.EndOfLifeRegister, RecordedOn = recorded };
        if (random.NextDouble() < LogisticCalibrator.Sigmoid(_carePlanIntercept + CarePlanPredictor(draft)))
            yield return new CareFlag { PatientId = patientId, Kind = CareFlagKind.CarePlan, RecordedOn = During() };
        if (draft.Age >= 18 && random.NextDouble() < LogisticCalibrator.Sigmoid(_carerIntercept + CarerPredictor(draft)))
            yield return new CareFlag { PatientId = patientId, Kind = CareFlagKind.Carer, RecordedOn = During() };
        if (draft.Age >= 65 && random.NextDouble() < LogisticCalibrator.Sigmoid(_houseboundIntercept + HouseboundPredictor(draft)))
            yield return new CareFlag { PatientId = patientId, Kind = CareFlagKind.Housebound, RecordedOn = During() };
    }

    private DateOnly? EndOfLifeRecordedOn(PatientDraft draft, Random random)
    {
        var (from, _) = draft.Exposure;
        if (draft.DateOfDeath is { } death)
        {
            var chance = LongDecline.Any(draft.Has) ? 0.55 : 0.2;
            if (random.NextDouble() >= chance)
                return null;
            var recorded = death.AddDays(-random.Next(14, 270));
            return recorded < from ? from : recorded;
        }

        return EndOfLifePredictor(draft) >= _endOfLifeThreshold
            ? PopulationSettings.ReferenceDate.AddDays(-random.Next(1, 180))
            : null;
    }

    private static double EndOfLifePredictor(PatientDraft d) =>
        Math.Log(LifeTable.AnnualDeathProbability(d.Age, d.Sex)) + 0.45 * d.Burden + 0.2 * d.Latent;

    private static double CarePlanPredictor(PatientDraft d) => 0.9 * d.Burden + 0.03 * Math.Max(0, d.Age - 50);

    private static double CarerPredictor(PatientDraft d) => d.Age switch
    {
        < 30 => -1.0,
        < 45 => -0.3,
        < 70 => 0.2,
        _ => -0.5,
    };

    private static double HouseboundPredictor(PatientDraft d) =>
        1.5 * (d.Has(ConditionRegister.Frailty) ? 1 : 0) + 0.05 * (d.Age - 65) + 0.5 * d.Burden;
}
