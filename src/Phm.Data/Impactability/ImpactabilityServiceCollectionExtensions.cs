using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Phm.Data.Impactability;

public static class ImpactabilityServiceCollectionExtensions
{
    /// <summary>The signals (<see cref="ImpactabilitySignals"/>, one for the process) with their options from <c>Phm:Impactability</c>, checked at start.</summary>
    public static IServiceCollection AddPhmImpactability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImpactabilityOptions>().Bind(configuration.GetSection(ImpactabilityOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImpactabilityOptions>, ImpactabilityOptions.Validator>());
        services.TryAddSingleton<ImpactabilitySignals>();
        return services;
    }
}
