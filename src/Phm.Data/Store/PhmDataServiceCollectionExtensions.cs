using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phm.Data.Governance;
using Phm.Data.Replicas;
using Phm.Data.Risk;

namespace Phm.Data.Store;

public static class PhmDataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Phm";

    public static IServiceCollection AddPhmData(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PhmOptions.SectionName);
        services.Configure<PhmOptions>(section);
        services.PostConfigure<PhmOptions>(options => options.Database.ConnectionString ??= configuration.GetConnectionString(ConnectionStringName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PhmStore>();
        services.AddOptions<RiskTierOptions>().Bind(configuration.GetSection(RiskTierOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RiskTierOptions>, RiskTierOptions.Validator>();

        // The provider decides the context type, so it is read now rather than through IOptions.
        var databaseProvider = section.GetSection(nameof(PhmOptions.Database)).GetValue(nameof(PhmDatabaseOptions.Provider), DatabaseProvider.Sqlite);
        PhmDatabase.AddContextFactory(services, databaseProvider, serviceProvider => serviceProvider.GetRequiredService<PhmStore>().ConnectionString);
        services.AddSingleton<ReadReplica>();
        services.AddScoped<RequestReads>();
        // A request's context reads only what the request's PatientScope allows (registered by the API); everyone otherwise.
        // Its reads are retried when the server is briefly unreachable; its writes are not (PostgresReadRetryStrategy).
        // It is on the primary unless the request may read from the replica (RequestReads) and the replica keeps up.
        services.AddScoped(provider =>
        {
            var context = provider.GetRequiredService<RequestReads>().MayUseReplica
                ? provider.GetRequiredService<ReadReplica>().CreateReadContext()
                : provider.GetRequiredService<IDbContextFactory<PhmDbContext>>().CreateDbContext();
            context.PatientScope = provider.GetService<PatientScope>() ?? PatientScope.Everyone;
            context.RetryReads = true;
            return context;
        });
        return services;
    }
}
