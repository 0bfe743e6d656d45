using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Phm.Data.Store;

namespace Phm.Api.Loading;

public static class LoadingServiceCollectionExtensions
{
    /// <summary>Registers the reference data, the reference date and every <see cref="BatchLoader{TKey, TValue}"/> in <paramref name="assembly"/>, one instance per request.</summary>
    public static IServiceCollection AddBatchLoaders(this IServiceCollection services, Assembly assembly)
    {
        services.TryAddSingleton<StoreReferenceCache>();
        services.AddScoped<StoreReferenceLoader>();
        services.AddScoped<ReferenceDateLoader>();
        foreach (var type in assembly.GetTypes().Where(IsBatchLoader))
            services.AddScoped(type);
        return services;
    }

    private static bool IsBatchLoader(Type type)
    {
        if (type.IsAbstract)
            return false;
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(BatchLoader<,>))
                return true;
        }
        return false;
    }
}
