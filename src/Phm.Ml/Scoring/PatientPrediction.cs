namespace Phm.Ml.Scoring;

/// <summary>
/// How much one feature moved a patient's score, and the patient's value of it in words (<see cref="Features.FeatureDefinition.InWords"/>).
/// A value, as is <see cref="PatientPrediction"/>: a city's scores are one array of predictions and one small array each of
/// contributions, not seven objects a patient.
/// </summary>
public readonly record struct FeatureContribution(string Feature, string Words, double Contribution);

/// <summary>A model's probability of its outcome for one patient, with the largest contributions to it, largest first.</summary>
public readonly record struct PatientPrediction(int PatientId, double Probability, IReadOnlyList<FeatureContribution> TopContributions);
