using Phm.Data.Risk;
using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// A trained risk model, loaded from <c>ml-models/&lt;name&gt;/&lt;version&gt;/</c> and checked against the code's
/// <see cref="FeatureSchema"/>: what it is (<see cref="Info"/>) and its predictions for a feature matrix.
/// </summary>
public interface IRiskModel
{
    RiskModelInfo Info { get; }

    /// <summary>One prediction per row of <paramref name="features"/>, in row order, with the top five contributions.</summary>
    IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features);
}
