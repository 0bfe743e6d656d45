namespace Phm.Ml.Scoring;

/// <summary>How much one feature moved a patient's score, and the patient's value of it in words (<see cref="Features.FeatureDefinition.InWords"/>).</summary>
public sealed record FeatureContribution(string Feature, string Words, double Contribution);

/// <summary>A model's probability of its outcome for one patient, with the largest contributions to it, largest first.</summary>
public sealed record PatientPrediction(int PatientId, double Probability, IReadOnlyList<FeatureContribution> TopContributions);
