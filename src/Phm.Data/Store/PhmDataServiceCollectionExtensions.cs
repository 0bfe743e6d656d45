using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Phm.Data.Store;

public static class PhmDataServiceCollectionExtensions
{
    public static IServiceCollection AddPhmData(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PhmOptions>(configuration.GetSection(PhmOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PhmStore>();
        services.AddPooledDbContextFactory<PhmDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<PhmStore>().ConnectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<PhmDbContext>>().CreateDbContext());
        return services;
    }
}
