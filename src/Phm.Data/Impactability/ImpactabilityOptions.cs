using Microsoft.Extensions.Options;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Risk;

namespace Phm.Data.Impactability;

/// <summary>
/// The parameters of the impactability signals, under <c>Phm:Impactability</c>; the defaults and their reasons are in the
/// README ("Impactability").
/// </summary>
public sealed class ImpactabilityOptions
{
    public const string SectionName = "Phm:Impactability";

    /// <summary>
    /// The registers whose patients have a yearly review in QOF (asthma, COPD, diabetes, heart failure, coronary heart disease,
    /// hypertension, atrial fibrillation, CKD, stroke/TIA, dementia, serious mental illness), which is what a long-term
    /// condition review is: the default of <see cref="LongTermConditionRegisters"/>.
    /// </summary>
    public static readonly IReadOnlyList<ConditionRegister> ReviewedRegisters =
    [
        ConditionRegister.Asthma, ConditionRegister.Copd, ConditionRegister.Diabetes, ConditionRegister.HeartFailure, ConditionRegister.CoronaryHeartDisease,
        ConditionRegister.Hypertension, ConditionRegister.AtrialFibrillation, ConditionRegister.ChronicKidneyDisease, ConditionRegister.StrokeTia,
        ConditionRegister.Dementia, ConditionRegister.SeriousMentalIllness,
    ];

    /// <summary>Months back from the reference date that every signal looks at: the window (R − months, R].</summary>
    public int WindowMonths { get; set; } = 12;

    /// <summary>Emergency admissions for an ACSC in the window that make the signal hold.</summary>
    public int AcscAdmissionsAtLeast { get; set; } = 1;

    /// <summary>The emergency-admission risk model whose top tiers count.</summary>
    public string AdmissionModel { get; set; } = "emergency-admission-12m";

    /// <summary>The lowest tier of <see cref="AdmissionModel"/> that counts as top risk (High: the top 5% by default tiers).</summary>
    public RiskTier AdmissionTierAtLeast { get; set; } = RiskTier.High;

    /// <summary>A&amp;E attendances and emergency admissions in the window, together, that count as frequent urgent care.</summary>
    public int UrgentCareContactsAtLeast { get; set; } = 3;

    /// <summary>The long-term condition registers of the frequent urgent care signal; null for <see cref="ReviewedRegisters"/>.</summary>
    public ConditionRegister[]? LongTermConditionRegisters { get; set; }

    /// <summary>The mortality model that says who is likely in the last year of life.</summary>
    public string MortalityModel { get; set; } = "death-12m";

    /// <summary>The lowest tier of <see cref="MortalityModel"/> that counts as likely last year of life (High: the top 5%).</summary>
    public RiskTier MortalityTierAtLeast { get; set; } = RiskTier.High;

    /// <summary>A probability of death in the year at or above which a patient also counts, whatever the tier; null for none.</summary>
    public double? MortalityProbabilityAtLeast { get; set; }

    public IReadOnlyList<ConditionRegister> Registers => LongTermConditionRegisters ?? ReviewedRegisters;

    /// <summary>What is wrong with the options, naming each key: empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Require(bool ok, string property, string rule)
        {
            if (!ok)
                problems.Add($"{SectionName}:{property} {rule}.");
        }

        Require(WindowMonths is >= 1 and <= PopulationSettings.ActivityHistoryMonths, nameof(WindowMonths),
            $"must be 1 to {PopulationSettings.ActivityHistoryMonths} months (the generated history holds {PopulationSettings.ActivityHistoryMonths})");
        Require(AcscAdmissionsAtLeast >= 1, nameof(AcscAdmissionsAtLeast), "must be at least 1");
        Require(UrgentCareContactsAtLeast >= 1, nameof(UrgentCareContactsAtLeast), "must be at least 1");
        Require(!string.IsNullOrWhiteSpace(AdmissionModel), nameof(AdmissionModel), "must name a risk model");
        Require(!string.IsNullOrWhiteSpace(MortalityModel), nameof(MortalityModel), "must name a risk model");
        Require(Enum.IsDefined(AdmissionTierAtLeast), nameof(AdmissionTierAtLeast), "must be a risk tier");
        Require(Enum.IsDefined(MortalityTierAtLeast), nameof(MortalityTierAtLeast), "must be a risk tier");
        Require(MortalityProbabilityAtLeast is null or (> 0 and <= 1), nameof(MortalityProbabilityAtLeast), "must be a probability above 0 and at most 1");
        Require(Registers.Count > 0 && Registers.All(Enum.IsDefined), nameof(LongTermConditionRegisters), "must list at least one condition register");
        return problems;
    }

    /// <summary>Refuses bad options when they are first read.</summary>
    internal sealed class Validator : IValidateOptions<ImpactabilityOptions>
    {
        public ValidateOptionsResult Validate(string? name, ImpactabilityOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
