using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>
/// The primary diagnosis of each emergency admission (ICD-10), so that about one in five is for an ambulatory care
/// sensitive condition (ACSC), as nationally [U]: NHS Outcomes Framework 2.3.i (chronic ACSCs) ran at roughly 800 and 3a
/// (acute ACSCs) at roughly 1,200-1,300 emergency admissions per 100,000 people a year, against about 10,800 emergency
/// admissions per 100,000 in all (the generator's own rate), so about 7.5% chronic and 12% acute; the Nuffield Trust's
/// QualityWatch put ACSCs at about one in five emergency admissions in 2012-13. Figures recalled, not looked up.
/// An admission is for a chronic ACSC with a chance that grows with the patient's registers that have one (COPD and heart
/// failure most: their exacerbations are the commonest chronic ACSC admissions), calibrated to the chronic share over the
/// population's expected admissions; otherwise for an acute ACSC at a fixed share, otherwise for another cause. Registers
/// count whatever their onset (an admission is often what leads to the diagnosis). The codes are specific ones of the
/// ACSC list's categories; whether a code is an ACSC is for the code list alone to say
/// (<see cref="Terminology.AmbulatoryCareSensitiveConditions"/>), and a test checks that it says what this model meant.
/// </summary>
internal sealed class AdmissionDiagnosisModel
{
    public const double ChronicShare = 0.075;
    public const double AcuteShare = 0.12;

    /// <summary>The registers with a chronic ACSC, each with its relative weight as a cause of admission [U] and the codes drawn.</summary>
    public static readonly IReadOnlyList<(ConditionRegister Register, double Weight, string[] Codes)> ChronicCauses =
    [
        (ConditionRegister.Copd, 3.0, ["J44.1", "J44.0", "J44.9", "J43.9"]),
        (ConditionRegister.HeartFailure, 3.0, ["I50.0", "I50.1", "I50.9"]),
        (ConditionRegister.Asthma, 0.8, ["J45.9", "J45.0", "J46"]),
        (ConditionRegister.Diabetes, 0.8, ["E11.6", "E11.1", "E10.1", "E11.5", "E11.0"]),
        (ConditionRegister.CoronaryHeartDisease, 1.2, ["I20.0", "I20.9", "I25.1"]),
        (ConditionRegister.AtrialFibrillation, 1.0, ["I48.0", "I48.9"]),
        (ConditionRegister.Epilepsy, 1.5, ["G40.9", "G41.9", "R56.8"]),
        (ConditionRegister.Dementia, 0.6, ["F03", "F01.9", "F00.9"]),
        (ConditionRegister.Hypertension, 0.15, ["I10"]),
    ];

    /// <summary>The acute ACSCs, each with its share of acute ACSC admissions [U] and the codes drawn.</summary>
    public static readonly IReadOnlyList<(double Weight, string[] Codes)> AcuteCauses =
    [
        (0.36, ["N39.0", "N10", "N12"]),
        (0.22, ["L03.1", "L03.9", "L03.3"]),
        (0.18, ["E86", "A09", "K52.9"]),
        (0.12, ["J03.9", "J06.9", "H66.9", "J02.9"]),
        (0.05, ["K25.0", "K26.4", "K27.0"]),
        (0.03, ["K04.7", "K02.9"]),
        (0.02, ["N73.9", "N70.9"]),
        (0.02, ["R02"]),
    ];

    /// <summary>Other common causes of emergency admission, none of them an ACSC, drawn evenly.</summary>
    public static readonly IReadOnlyList<string> OtherCauses =
        ["R07.4", "R10.4", "J18.9", "S72.0", "A41.9", "R55", "I21.9", "I63.9", "N17.9", "K80.2", "S06.0", "K35.8", "R41.0", "F10.0", "R50.9", "K92.2"];

    /// <summary>Log-scale of the chronic causes: an admission's chance of one is 1 − exp(−scale × the patient's weights).</summary>
    private readonly double _chronicScale;

    public AdmissionDiagnosisModel(List<PatientDraft> drafts, double[] emergencyAdmissionRates)
    {
        var patients = drafts.Select(d => (Admissions: emergencyAdmissionRates[d.Index] * d.ExposureYears, Weight: ChronicWeight(d))).Where(p => p.Admissions > 0).ToList();
        var admissions = patients.Sum(p => p.Admissions);
        double low = 0, high = 100;
        for (var i = 0; i < 50; i++)
        {
            var scale = (low + high) / 2;
            var chronic = patients.Sum(p => p.Admissions * ChronicChance(scale, p.Weight));
            (low, high) = chronic < ChronicShare * admissions ? (scale, high) : (low, scale);
        }
        _chronicScale = low;
    }

    public string Draw(PatientDraft draft, Random random)
    {
        var weight = ChronicWeight(draft);
        if (random.NextDouble() < ChronicChance(_chronicScale, weight))
        {
            var pick = random.NextDouble() * weight;
            foreach (var cause in ChronicCauses.Where(c => draft.Has(c.Register)))
            {
                pick -= cause.Weight;
                if (pick < 0)
                    return OneOf(cause.Codes, random);
            }
        }
        if (random.NextDouble() < AcuteShare / (1 - ChronicShare))
        {
            var pick = random.NextDouble() * AcuteCauses.Sum(c => c.Weight);
            foreach (var cause in AcuteCauses)
            {
                pick -= cause.Weight;
                if (pick < 0)
                    return OneOf(cause.Codes, random);
            }
        }
        return OneOf(OtherCauses, random);
    }

    private static double ChronicWeight(PatientDraft draft) => ChronicCauses.Where(c => draft.Has(c.Register)).Sum(c => c.Weight);

    private static double ChronicChance(double scale, double weight) => 1 - Math.Exp(-scale * weight);

    private static string OneOf(IReadOnlyList<string> codes, Random random) => codes[random.Next(codes.Count)];
}
