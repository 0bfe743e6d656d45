using MathNet.Numerics.Distributions;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Population;

/// <summary>
/// A deterministic, synthetic Southampton-like population: real practices, LSOAs and deprivation, made-up people.
/// Everything follows one latent process (age, deprivation, multimorbidity, propensity to use urgent care), so risk models
/// trained on it find real signal and the gaps between deprived and affluent areas look like the city's.
/// </summary>
public static class PopulationGenerator
{
    /// <summary>England's mean IMD 2019 score (OHID Fingertips); deprivation is measured from it.</summary>
    private const double EnglandMeanImdScore = 21.72;

    /// <summary>Approximate gap between the mean IMD scores of England's most and least deprived quintiles of LSOAs.</summary>
    private const double QuintileGap = 38;

    /// <summary>About 0.85% of a registered population dies each year (GSF: about 1% of a list; Southampton about 0.8% of residents).</summary>
    private const double AnnualDeathRate = 0.0085;

    private const int CalibrationSampleSize = 60_000;

    /// <summary>Gamma shapes of the propensities (mean 1): a small shape gives urgent care its long tail of high intensity users.</summary>
    private const double UrgentPropensityShape = 0.6;

    private const double PlannedPropensityShape = 2.0;

    public static IEnumerable<GeneratedPatient> Generate(ReferenceData reference, PopulationSettings settings)
    {
        var catchment = CatchmentModel.Fit(reference, settings.Population);
        var drafts = DrawPeople(catchment, settings.Seed);
        DrawRegisters(drafts, settings.Seed);
        DrawDeaths(drafts, settings.Seed);
        var rates = ActivityRates(drafts);
        var careFlags = new CareFlagModel(drafts);
        var diagnoses = new AdmissionDiagnosisModel(drafts, rates[ActivityKind.EmergencyAdmission]);
        var codes = RegisterModel.Registers.ToDictionary(spec => spec.Register, spec => reference.RegisterCodes.DiagnosesOnlyOf(spec.Register));
        return drafts.Select(draft => Build(draft, catchment, rates, careFlags, diagnoses, codes, settings.Seed));
    }

    private static List<PatientDraft> DrawPeople(CatchmentModel catchment, int seed)
    {
        var drafts = new List<PatientDraft>(catchment.ListTargets.Sum());
        for (var p = 0; p < catchment.Practices.Count; p++)
        {
            for (var l = 0; l < catchment.Lsoas.Count; l++)
            {
                var lsoa = catchment.Lsoas[l];
                for (var n = 0; n < catchment.Counts[p, l]; n++)
                {
                    var index = drafts.Count;
                    var random = SeededRandom.For(seed, RandomStream.Demography, index);
                    var (age, sex) = Demography.SampleAgeSex(lsoa.Population, random);
                    var birthMonth = random.Next(1, 13);
                    drafts.Add(new PatientDraft
                    {
                        Index = index,
                        Practice = p,
                        Lsoa = l,
                        Age = age,
                        BirthMonth = birthMonth,
                        BirthYear = BirthYearFor(age, birthMonth),
                        Sex = sex,
                        EthnicGroup = Demography.SampleEthnicGroup(lsoa.IsInLocalAuthority, age, random),
                        Deprivation = (lsoa.ImdScore - EnglandMeanImdScore) / QuintileGap,
                        Latent = Normal.Sample(random, 0, 1),
                        UrgentPropensity = Gamma.Sample(random, UrgentPropensityShape, UrgentPropensityShape),
                        PlannedPropensity = Gamma.Sample(random, PlannedPropensityShape, PlannedPropensityShape),
                    });
                }
            }
        }

        return drafts;
    }

    /// <summary>The birth year that gives this age on the reference date, the birth month known and the day taken as the 1st.</summary>
    private static int BirthYearFor(int age, int birthMonth)
    {
        var reference = PopulationSettings.ReferenceDate;
        return reference.Year - age - (reference.Month < birthMonth ? 1 : 0);
    }

    private static void DrawRegisters(List<PatientDraft> drafts, int seed)
    {
        var sample = CalibrationSample(drafts);
        var intercepts = RegisterModel.Registers.ToDictionary(
            spec => spec.Register,
            spec => LogisticCalibrator.Intercept(
                sample.Where(d => d.Age >= spec.MinAge).Select(d => spec.LinearPredictor(d.Age, d.Sex, d.Deprivation, d.Latent)).ToList(),
                spec.Prevalence));

        foreach (var draft in drafts)
        {
            var random = SeededRandom.For(seed, RandomStream.Registers, draft.Index);
            foreach (var spec in RegisterModel.Registers)
            {
                if (draft.Age < spec.MinAge)
                    continue;
                var probability = LogisticCalibrator.Sigmoid(intercepts[spec.Register] + spec.LinearPredictor(draft.Age, draft.Sex, draft.Deprivation, draft.Latent));
                if (random.NextDouble() >= probability)
                    continue;
                var yearsSinceOnset = random.NextDouble() * Math.Min(20, Math.Max(0.1, draft.Age - spec.MinAge));
                var onset = PopulationSettings.ReferenceDate.AddDays(-(int)(yearsSinceOnset * 365.25));
                draft.Registers.Add((spec.Register, onset < draft.BirthDate ? draft.BirthDate : onset));
            }

            draft.Burden = draft.Registers.Sum(r => RegisterModel.For(r.Register).Burden) + 0.3 * draft.Latent;
        }
    }

    /// <summary>
    /// Each patient's yearly hazard of death: life-table risk for age (at the middle of the window) and sex, raised by care
    /// needs and deprivation (a premature mortality gap of about 2x between the most and least deprived quintiles),
    /// scaled to the city's death rate. Death comes at an exponential time with that hazard (<see cref="GeneratedTruth"/>).
    /// </summary>
    private static void DrawDeaths(List<PatientDraft> drafts, int seed)
    {
        var years = (PopulationSettings.ReferenceDate.DayNumber - PopulationSettings.ActivityStart.DayNumber) / GeneratedTruth.DaysPerYear;
        var relative = drafts.Select(d =>
            LifeTable.AnnualDeathProbability(Math.Max(0, d.Age - years / 2), d.Sex)
            * Math.Exp(0.45 * d.Burden + Math.Log(1.8) * d.Deprivation + 0.2 * d.Latent)).ToArray();

        double low = 0, high = 10;
        var target = AnnualDeathRate * years * drafts.Count;
        for (var i = 0; i < 50; i++)
        {
            var scale = (low + high) / 2;
            var expected = drafts.Sum(d => 1 - Math.Exp(-DeathHazard(scale * relative[d.Index]) * d.WindowDays / GeneratedTruth.DaysPerYear));
            (low, high) = expected < target ? (scale, high) : (low, scale);
        }

        foreach (var draft in drafts)
        {
            draft.DeathHazardPerYear = DeathHazard(low * relative[draft.Index]);
            var daysToDeath = GeneratedTruth.DrawWaitingDays(draft.DeathHazardPerYear, SeededRandom.For(seed, RandomStream.Mortality, draft.Index));
            draft.ExposureDays = Math.Min(daysToDeath, draft.WindowDays);
            if (daysToDeath < draft.WindowDays)
                draft.DateOfDeath = draft.ExposureStart.AddDays((int)daysToDeath);
        }
    }

    /// <summary>Nobody's risk of dying within a year goes above 90%.</summary>
    private static double DeathHazard(double relative) => Math.Min(relative, -Math.Log(0.1));

    /// <summary>Each patient's yearly rate of each kind: the kind's base rate, calibrated to England's, times the patient's relative rate and propensity.</summary>
    private static Dictionary<ActivityKind, double[]> ActivityRates(List<PatientDraft> drafts)
    {
        var exposure = drafts.Sum(d => d.ExposureYears);
        return ActivityModel.Kinds.ToDictionary(spec => spec.Kind, spec =>
        {
            var relative = drafts.Select(d => spec.RelativeRate(d.Age, d.Burden, d.Deprivation) * (spec.Urgent ? d.UrgentPropensity : d.PlannedPropensity)).ToArray();
            // Propensities have mean 1: calibrating without them keeps the base rate from following a few heavy users' draws.
            var baseRate = spec.PerPersonYear * exposure / drafts.Sum(d => d.ExposureYears * spec.RelativeRate(d.Age, d.Burden, d.Deprivation));
            return relative.Select(r => baseRate * r).ToArray();
        });
    }

    private static GeneratedPatient Build(
        PatientDraft draft, CatchmentModel catchment, Dictionary<ActivityKind, double[]> rates, CareFlagModel careFlags,
        AdmissionDiagnosisModel diagnoses, Dictionary<ConditionRegister, IReadOnlyList<string>> codes, int seed)
    {
        var random = SeededRandom.For(seed, RandomStream.Activity, draft.Index);
        var patient = new Patient
        {
            Id = draft.Index + 1,
            Pseudonym = Pseudonym(random),
            PracticeCode = catchment.Practices[draft.Practice].Code,
            LsoaCode = catchment.Lsoas[draft.Lsoa].Code,
            BirthYear = draft.BirthYear,
            BirthMonth = draft.BirthMonth,
            Sex = draft.Sex,
            EthnicGroup = draft.EthnicGroup,
            DateOfDeath = draft.DateOfDeath,
        };

        // Codes come from the register code list that ingest reads, so generated entries look like ingested ones. Their own
        // stream leaves every other draw as it was.
        var codeRandom = SeededRandom.For(seed, RandomStream.Codes, draft.Index);
        foreach (var (register, onset) in draft.Registers)
        {
            var recorded = draft.DateOfDeath is { } death && onset > death ? death : onset;
            var registerCodes = codes[register];
            patient.Conditions.Add(new Condition
            {
                PatientId = patient.Id, Register = register, SnomedCode = registerCodes[codeRandom.Next(registerCodes.Count)], OnsetDate = recorded, CodeList = RegisterCodeList.Version,
            });
        }

        // Diagnoses have their own stream too, added after the rest: every value drawn before them stays as it was.
        var diagnosisRandom = SeededRandom.For(seed, RandomStream.Diagnoses, draft.Index);
        foreach (var spec in ActivityModel.Kinds)
        {
            foreach (var day in GeneratedTruth.DrawEventDays(rates[spec.Kind][draft.Index], draft.ExposureDays, random))
            {
                patient.Activities.Add(new Activity
                {
                    PatientId = patient.Id,
                    Kind = spec.Kind,
                    Date = draft.ExposureStart.AddDays(day),
                    LengthOfStayDays = ActivityModel.LengthOfStay(spec.Kind, draft.Age, draft.Burden, random),
                    PrimaryDiagnosis = spec.Kind == ActivityKind.EmergencyAdmission ? diagnoses.Draw(draft, diagnosisRandom) : null,
                });
            }
        }

        patient.Activities.Sort((a, b) => a.Date.CompareTo(b.Date));
        patient.CareFlags.AddRange(careFlags.Draw(draft, patient.Id, SeededRandom.For(seed, RandomStream.CareFlags, draft.Index)));
        return new GeneratedPatient(patient, GeneratorTruth.Of(patient.Id, draft.DeathHazardPerYear, kind => rates[kind][draft.Index]));
    }

    /// <summary>128 random bits: opaque, and the same for the same seed.</summary>
    private static string Pseudonym(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    internal static List<PatientDraft> CalibrationSample(List<PatientDraft> drafts)
    {
        var step = Math.Max(1, drafts.Count / CalibrationSampleSize);
        return drafts.Where((_, i) => i % step == 0).ToList();
    }
}
