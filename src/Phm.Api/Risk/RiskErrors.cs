using System.Globalization;
using GraphQL.Builders;
using GraphQL.Types;

namespace Phm.Api.Risk;

public sealed class RiskModelNotFoundError(string argument, string model, IEnumerable<string> knownModels)
    : InvalidArgumentError(argument, $"no risk model named '{model}' has scores in the store; it holds {Known(knownModels)}.", ErrorCode)
{
    public const string ErrorCode = "RISK_MODEL_NOT_FOUND";

    /// <summary>Refuses a model the store holds no scores of, naming the ones it does.</summary>
    public static async Task ThrowIfUnknownAsync(ScoredModelsLoader models, string argument, string model, CancellationToken cancellationToken)
    {
        var known = await models.GetAsync(cancellationToken);
        if (!known.Any(m => m.Name == model))
            throw new RiskModelNotFoundError(argument, model, known.Select(m => m.Name));
    }

    private static string Known(IEnumerable<string> models) =>
        models.ToList() is { Count: > 0 } names ? "scores of " + string.Join(", ", names) : "no scores yet (the hub scores after building the store)";
}

public sealed class PercentileOutOfRangeError(string argument, double percentile)
    : InvalidArgumentError(argument, string.Create(CultureInfo.InvariantCulture, $"a percentile is 0 to 100, not {percentile}."), ErrorCode)
{
    public const string ErrorCode = "PERCENTILE_OUT_OF_RANGE";
}

public sealed class RiskTiersEmptyError(string argument)
    : InvalidArgumentError(argument, "name at least one tier, or leave tiers out to take every tier.", ErrorCode)
{
    public const string ErrorCode = "RISK_TIERS_EMPTY";
}

/// <summary><c>orderBy: RISK_DESC</c> without the model whose scores give the order.</summary>
public sealed class RiskOrderWithoutModelError(string argument)
    : InvalidArgumentError(argument, "RISK_DESC orders patients by one risk model's scores: name the model in filter.risk.model.", ErrorCode)
{
    public const string ErrorCode = "RISK_ORDER_NEEDS_MODEL";
}

internal static class RiskModelArgument
{
    /// <summary>Adds the required <c>model</c> argument, refused before anything runs unless the store holds that model's scores.</summary>
    public static FieldBuilder<TSource, TReturn> ModelArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string description) => field
        .Argument<NonNullGraphType<StringGraphType>>("model", description)
        .ValidateArguments(async context => await RiskModelNotFoundError.ThrowIfUnknownAsync(
            context.RequestServices!.GetRequiredService<ScoredModelsLoader>(), "model", context.GetArgument<string>("model"), context.CancellationToken));
}
