using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Ml.Scoring;

/// <summary>
/// Stores one model's predictions as its scores (<see cref="RiskScore"/>, <see cref="ScoredModel"/>): ranked, placed in
/// percentiles and tiers by <see cref="RiskRanking"/>, and written in one transaction that replaces the model's old scores
/// (<see cref="ScoredModelWriter"/>). Each row's contributions are made into JSON as it is written, never all at once.
/// </summary>
public sealed class RiskScoreWriter(Func<PhmDbContext> createContext, RiskRanking ranking, TimeProvider time, ILogger? logger = null)
{
    public async Task<ScoredModel> WriteAsync(RiskModelInfo info, DateOnly scoredOn, IReadOnlyList<PatientPrediction> predictions, CancellationToken cancellationToken)
    {
        var phases = new PhaseStopwatch(logger ?? NullLogger.Instance, $"Scores of {info.Name} {info.Version}");
        var ranked = ranking.Rank([.. predictions.Select(p => new PatientProbability(p.PatientId, p.Probability))]);
        var model = new ScoredModel(info) { ScoredOn = scoredOn, ScoredAtUtc = time.GetUtcNowInMilliseconds(), PatientsScored = predictions.Count };

        // In the predictions' order, which is the features' (patient id) order: the cheapest for the store's primary key.
        IEnumerable<RiskScore> Scores() => predictions.Select((prediction, i) => new RiskScore
        {
            Model = info.Name,
            PatientId = prediction.PatientId,
            ModelVersion = info.Version,
            Probability = prediction.Probability,
            Rank = ranked[i].Rank,
            Percentile = ranked[i].Percentile,
            Tier = ranked[i].Tier,
            Contributions = ContributionsJson.Write(prediction.TopContributions),
        });

        phases.Lap("ranked");
        await using var db = createContext();
        await new ScoredModelWriter(db, phases).ReplaceAsync(model, Scores(), cancellationToken);
        return model;
    }
}
