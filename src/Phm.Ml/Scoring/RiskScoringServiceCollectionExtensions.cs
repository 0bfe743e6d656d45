using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Phm.Ml.Scoring;

public static class RiskScoringServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="RiskScoring"/> over the registered <see cref="IRiskModelSource"/>: the model catalog registers itself as
    /// one (<c>services.AddSingleton&lt;IRiskModelSource, …&gt;()</c>); without it the registered <see cref="IRiskModel"/>s are scored.
    /// Needs <c>AddPhmData</c>, which binds the tiers (<see cref="Data.Risk.RiskTierOptions"/>).
    /// </summary>
    public static IServiceCollection AddPhmRiskScoring(this IServiceCollection services)
    {
        services.TryAddSingleton<IRiskModelSource, RegisteredRiskModels>();
        services.AddSingleton<RiskScoring>();
        return services;
    }

    /// <summary>
    /// The models of <c>ml-models/</c> (<see cref="ModelsDirectory"/>: <c>Phm:Risk:ModelsDirectory</c>, else found) as the
    /// source <see cref="RiskScoring"/> keeps the stored scores current with, each version loaded once.
    /// </summary>
    public static IServiceCollection AddPhmRiskModels(this IServiceCollection services)
    {
        services.AddSingleton(provider => new RiskModelCatalog(ModelsDirectory.Resolve(provider.GetRequiredService<IConfiguration>()[ModelsDirectory.ConfigurationKey])));
        services.AddSingleton<IRiskModelSource>(provider => provider.GetRequiredService<RiskModelCatalog>());
        return services.AddPhmRiskScoring();
    }
}
