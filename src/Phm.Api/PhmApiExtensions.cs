using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Operations;
using Phm.Api.Replicas;
using Phm.Api.Risk;
using Phm.Api.Transport;
using Phm.Data.Impactability;
using Phm.Data.Replicas;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Api;

public static class PhmApiExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string GraphQLPath = "/graphql";

    public static WebApplicationBuilder AddPhmHub(this WebApplicationBuilder builder)
    {
        // Loopback unless told otherwise: the hub holds health data and has no business listening on every interface by default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddPhmData(builder.Configuration);
        builder.Services.AddPhmRiskModels();
        builder.Services.AddPhmGovernance(builder.Configuration);
        builder.Services.AddPhmGraphQL(builder.Configuration);
        builder.AddPhmOperations();
        return builder;
    }

    public const string GraphQLSection = "Phm:GraphQL";

    public static IServiceCollection AddPhmGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        // Every limit of the endpoint, with its default, is in GraphQLHttpOptions (README, "Limits").
        services.Configure<GraphQLHttpOptions>(configuration.GetSection(GraphQLSection));
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<PhmSchema>()
            // Responses are JSON, never HTML, so names such as "WOOLSTON & TOWNHILL" need not be \u-escaped.
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            // Resolvers share the request's scoped DbContext, which allows one operation at a time.
            .AddExecutionStrategy(SerialExecutionStrategy.Instance, OperationType.Query)
            // Who may use which field depends on the caller, so the rule runs on cached documents too.
            .AddValidationRule(FieldAccessRule.Instance, useForCachedDocuments: true)
            .AddErrorInfoProvider<GraphQLErrorInfoProvider>()
            .ConfigureExecution<ValidatedDocumentCache>()
            .ConfigureExecution<PcnScopePractices>()
            .ConfigureExecution<ReadRouting>()
            .AddGraphTypes(typeof(PhmSchema).Assembly));
        // A request that takes a kept validation pass is given the values its arguments parsed to (ValidatedDocumentCache).
        services.AddScoped<KeptValidation>();
        services.AddSingleton<IDocumentValidator>(_ => new KeptValidationValidator(new DocumentValidator()));
        // Resolvers of patient-level fields record what they read; the writer that saves it is part of AddPhmGovernance.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        // Batch loaders still gather a level's keys into one query under the serial strategy.
        services.AddBatchLoaders(typeof(PhmSchema).Assembly);
        services.AddScoped<ScoredModelsLoader>();
        services.AddPhmImpactability(configuration);
        services.AddScoped<Phm.Data.Cohorts.SavedCohorts>();
        services.AddScoped<CityComparators>();
        return services;
    }

    /// <summary>
    /// Opens the store, building it on first start (or when the seed or population changed), and scores it with every risk
    /// model not yet scored (a new store before it is published, a new model version), before any request is served. Hubs
    /// that share a database server take turns (<see cref="PhmStore.LockPreparationAsync"/>): the first prepares, the others
    /// reuse what it prepared.
    /// </summary>
    public static async Task PreparePhmStoreAsync(this WebApplication app)
    {
        // Resolved first: a bad tier or read replica configuration is refused before a minute goes on building the store.
        var scoring = app.Services.GetRequiredService<RiskScoring>();
        app.Services.GetRequiredService<ReadReplica>();
        var stopping = app.Lifetime.ApplicationStopping;
        await using (await scoring.LockPreparationAsync(stopping))
            await scoring.PrepareStoreAsync(stopping);
    }

    public static WebApplication MapPhmGraphQL(this WebApplication app)
    {
        app.UseAuthentication();
        app.MapGraphQLHttp(GraphQLPath);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
                app.Logger.LogInformation("PHM hub ready: GraphQL and GraphiQL at {Endpoint}", address + GraphQLPath);
        });
        return app;
    }
}
