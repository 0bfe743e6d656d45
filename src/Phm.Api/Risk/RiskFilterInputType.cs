using GraphQL.Types;
using Phm.Data.Cohorts;
using Phm.Data.Risk;

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

    /// <summary>The same criteria in the cohort criteria language, which applies them.</summary>
    public RiskCriterion ToCriterion() => new(Model, Tiers, MinPercentile);
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
