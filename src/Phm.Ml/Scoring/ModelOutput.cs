namespace Phm.Ml.Scoring;

/// <summary>The columns a saved model adds that scoring reads.</summary>
internal static class ModelOutput
{
    public const string Probability = "Probability";
}
