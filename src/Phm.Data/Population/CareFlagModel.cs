using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// Care-planning flags. End-of-life registration follows the risk of death: it comes at an exponential time at a rate
/// proportional to the patient's hazard of death (2.75 times as high for a long decline: cancer, organ failure, dementia,
/// frailty), scaled so that the living at the reference date are on the register at the QOF palliative care level (0.28%
/// in Southampton). Care plans, carers and housebound status follow care needs, at assumed levels (4% of patients, 5% of
/// adults, 6% of over-65s), recorded on a day of the window. No flag's date depends on when the patient dies, only whether
/// it is written at all (nothing is recorded after death), so a flag on an index date tells no more about the year after
/// it than the patient's parameters do (<see cref="GeneratedTruth"/>).
/// </summary>
internal sealed class CareFlagModel
{
    private const double PalliativeRegisterShare = 0.0028;
    private static readonly ConditionRegister[] LongDecline =
        [ConditionRegister.Cancer, ConditionRegister.HeartFailure, ConditionRegister.Copd, ConditionRegister.Dementia, ConditionRegister.Frailty, ConditionRegister.ChronicKidneyDisease];

    private readonly double _carePlanIntercept;
    private readonly double _carerIntercept;
    private readonly double _houseboundIntercept;

    /// <summary>Yearly rate of end-of-life registration per unit of yearly hazard of death.</summary>
    private readonly double _endOfLifeScale;

    public CareFlagModel(List<PatientDraft> drafts)
    {
        var sample = PopulationGenerator.CalibrationSample(drafts);
        _carePlanIntercept = LogisticCalibrator.Intercept(sample.Select(CarePlanPredictor).ToList(), 0.04);
        _carerIntercept = LogisticCalibrator.Intercept(sample.Where(d => d.Age >= 18).Select(CarerPredictor).ToList(), 0.05);
        _houseboundIntercept = LogisticCalibrator.Intercept(sample.Where(d => d.Age >= 65).Select(HouseboundPredictor).ToList(), 0.06);

        var living = drafts.Where(d => d.DateOfDeath is null).Select(d => (Rate: EndOfLifeRate(d, 1), Years: d.WindowDays / GeneratedTruth.DaysPerYear)).ToList();
        double low = 0, high = 100;
        for (var i = 0; i < 50; i++)
        {
            var scale = (low + high) / 2;
            var registered = living.Sum(d => 1 - Math.Exp(-scale * d.Rate * d.Years));
            (low, high) = registered < PalliativeRegisterShare * drafts.Count ? (scale, high) : (low, scale);
        }

        _endOfLifeScale = low;
    }

    public IEnumerable<CareFlag> Draw(PatientDraft draft, int patientId, Random random)
    {
        var flags = new List<CareFlag>();
        void Record(CareFlagKind kind, DateOnly day)
        {
            if (day < PopulationSettings.ReferenceDate && draft.AliveOnDayOf(day))
                flags.Add(new CareFlag { PatientId = patientId, Kind = kind, RecordedOn = day });
        }

        var daysToEndOfLife = GeneratedTruth.DrawWaitingDays(EndOfLifeRate(draft, _endOfLifeScale), random);
        if (daysToEndOfLife < draft.WindowDays)
            Record(CareFlagKind.EndOfLifeRegister, draft.ExposureStart.AddDays((int)daysToEndOfLife));
        if (random.NextDouble() < LogisticCalibrator.Sigmoid(_carePlanIntercept + CarePlanPredictor(draft)))
            Record(CareFlagKind.CarePlan, draft.DayInWindow(random));
        if (draft.Age >= 18 && random.NextDouble() < LogisticCalibrator.Sigmoid(_carerIntercept + CarerPredictor(draft)))
            Record(CareFlagKind.Carer, draft.DayInWindow(random));
        if (draft.Age >= 65 && random.NextDouble() < LogisticCalibrator.Sigmoid(_houseboundIntercept + HouseboundPredictor(draft)))
            Record(CareFlagKind.Housebound, draft.DayInWindow(random));
        return flags;
    }

    private static double EndOfLifeRate(PatientDraft d, double scale) =>
        scale * d.DeathHazardPerYear * (LongDecline.Any(d.Has) ? 2.75 : 1);

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
