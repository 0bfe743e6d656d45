using GraphQL.Types;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Risk;

/// <summary>Patients by their score from one risk model; unset criteria match every patient the model scored.</summary>
public sealed record RiskFilter(string Model, RiskTier[]? Tiers = null, double? MinPercentile = null)
{
    public const double LowestPercentile = 0;
    public const double HighestPercentile = 100;

    /// <summary>Rejects a model the store holds no scores of, an empty list of tiers and a percentile outside 0 to 100.</summary>
    public async Task ValidateAsync(ScoredModelsLoader models, string argument, CancellationToken cancellationToken)
    {
        if (MinPercentile is { } percentile and (< LowestPercentile or > HighestPercentile))
            throw new PercentileOutOfRangeError($"{argument}.minPercentile", percentile);
        if (Tiers is [])
            throw new RiskTiersEmptyError($"{argument}.tiers");
        await RiskModelNotFoundError.ThrowIfUnknownAsync(models, $"{argument}.model", Model, cancellationToken);
    }

    /// <summary>
    /// The <paramref name="patients"/> with a score from the model meeting the criteria. The scores are read through the same
    /// context, so a scoped context matches only its own patients' scores.
    /// </summary>
    public IQueryable<Patient> Apply(IQueryable<Patient> patients, PhmDbContext db)
    {
        var scores = db.RiskScores.Where(s => s.Model == Model);
        if (Tiers is { } tiers)
            scores = scores.Where(s => tiers.Contains(s.Tier));
        if (MinPercentile is { } minPercentile)
            scores = scores.Where(s => s.Percentile >= minPercentile);
        // A correlated EXISTS, probed by the (Model, PatientId) key for the patients at hand: an IN list would first read the
        // model's scores for the whole population (1.3-2 s on SQLite at 300,000 patients, against 25 ms).
        return patients.Where(p => scores.Any(s => s.PatientId == p.Id));
    }
}

public sealed class RiskFilterInputType : InputObjectGraphType<RiskFilter>
{
    public RiskFilterInputType()
    {
        Name = "RiskFilter";
        Description = "Criteria on patients' scores from one risk model (see riskModels); patients the model has not scored (those who died before the reference date) never match.";
        Field(f => f.Model).Description("Name of the risk model, e.g. emergency-admission-12m.");
        Field<ListGraphType<NonNullGraphType<RiskTierType>>>("tiers").Description("Only patients in one of these tiers; every tier if left out.");
        Field(f => f.MinPercentile, nullable: true)
            .Description("Only patients at or above this percentile, 0 to 100 (100 is the highest risk in the scored population).");
    }
}

public sealed class RiskTierType : EnumerationGraphType<RiskTier>
{
    public RiskTierType()
    {
        Name = "RiskTier";
        Description = "Capacity-based tiers by rank in the scored population: by default VERY_HIGH is the top 0.5%, HIGH the next 4.5% (to 5%), MODERATE the next 15% (to 20%), LOW the rest (configured under Phm:Risk).";
    }
}
