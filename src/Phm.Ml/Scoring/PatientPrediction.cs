using System.Globalization;
using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// How much one feature moved a patient's score, and the patient's value of it: what a score stores
/// (<see cref="ContributionsJson"/>). A value, as is <see cref="PatientPrediction"/>: a city's scores are one array of
/// predictions and, for each batch of patients, one array of their contributions, not seven objects a patient.
/// </summary>
public readonly record struct FeatureContribution(string Feature, float Value, double Contribution)
{
    /// <summary>
    /// The value in words as the code's features word it now ("3 emergency admissions in the last 12 months"): made when read,
    /// not stored, so a score's rows stay small and rewording needs no rescoring (<see cref="FeatureSchema.InWords"/>).
    /// </summary>
    public string Words => RiskFeatures.Schema.InWords(Feature, Value);

    /// <summary>
    /// The value as a double for those who read it as one (GraphQL's Float): the double of the float's shortest decimal form, 0.24
    /// for the ratio 0.24, where a widening cast gives 0.23999999463558197.
    /// </summary>
    public double ShownValue => double.Parse(Value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>A model's probability of its outcome for one patient, with the largest contributions to it, largest first.</summary>
public readonly record struct PatientPrediction(int PatientId, double Probability, ArraySegment<FeatureContribution> TopContributions);
