using System.Text.Json;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Phm.Data.Store;

namespace Phm.Api.Tests;

/// <summary>
/// The hub's schema, configured as the app configures it, over a store file of hand-made data: queries run through the
/// document executer, without HTTP, so tests can state exact expectations.
/// </summary>
public sealed class SchemaHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SchemaHost(string storePath, SqlCommandCounter commands)
    {
        Commands = commands;
        _services = new ServiceCollection()
            .AddPhmGraphQL(new ConfigurationBuilder().Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing" })
            .AddDbContext<PhmDbContext>(options => options.UseSqlite(PhmStore.ConnectionStringFor(storePath)).AddInterceptors(commands))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public SqlCommandCounter Commands { get; }

    public PhmSchema Schema => _services.GetRequiredService<PhmSchema>();

    public static SchemaHost Over(string storePath) => new(storePath, new SqlCommandCounter());

    /// <summary>Runs a request as the transport would, in its own service scope, and returns the serialized response.</summary>
    public async Task<ExecutedRequest> ExecuteAsync(string query, object? variables = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<PhmSchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables)),
            RequestServices = scope.ServiceProvider,
        });
        return new ExecutedRequest(serializer.Serialize(result));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A response as JSON text; <see cref="Json"/> to navigate it.</summary>
public sealed record ExecutedRequest(string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement Data => Json.GetProperty("data");

    /// <summary>The response indented, for snapshots a reviewer can read.</summary>
    public string Indented => Json.Indented();

    /// <summary>The <c>extensions.code</c> of each error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes =>
        Json.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString())]
            : [];

    public string ErrorMessage => Json.GetProperty("errors")[0].GetProperty("message").GetString()!;
}
