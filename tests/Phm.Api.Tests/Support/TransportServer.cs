using System.Security.Claims;
using System.Text;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Phm.Api.Transport;

namespace Phm.Api.Tests.Support;

/// <summary>
/// The transport on its own, in memory, over <see cref="TestSchema"/> at <c>/graphql</c> (no store needed).
/// Responses are returned whole, so each test can state status, content type and body together.
/// </summary>
public sealed class TransportServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>A request carrying this header is authenticated as the subject it names.</summary>
    public const string SubjectHeader = "X-Test-Subject";

    private readonly Action<GraphQLHttpOptions> configure;
    private readonly string environment;
    private WebApplication? app;

    /// <summary>Warnings and errors the server logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>For tests about headers; tables use <see cref="SendAsync"/>.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>With the default <see cref="GraphQLHttpOptions"/>; xUnit's class fixtures use this one.</summary>
    public TransportServer() : this(_ => { }, "Testing")
    {
    }

    private TransportServer(Action<GraphQLHttpOptions> configure, string environment)
    {
        this.configure = configure;
        this.environment = environment;
    }

    /// <summary>A server of its own, for a test about non-default options or another host environment.</summary>
    public static async Task<TransportServer> StartAsync(Action<GraphQLHttpOptions> configure, string environment = "Testing")
    {
        var server = new TransportServer(configure, environment);
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<TestSchema>().AddSystemTextJson().AddErrorInfoProvider<GraphQLErrorInfoProvider>());
        builder.Services.Configure(configure);
        app = builder.Build();
        // The hub's authentication (to come) sets the user; here a test names its subject in a header.
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(SubjectHeader, out var subject))
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject.ToString())], "Test"));
            return next(context);
        });
        app.MapGraphQLHttp("/graphql");
        await app.StartAsync();
        Client = app.GetTestClient();
    }

    public async Task<Reply> SendAsync(
        HttpMethod method, string target, string? accept = null, string? contentType = null, string? body = null, string? subject = null)
    {
        using var request = new HttpRequestMessage(method, target);
        if (subject is not null)
            request.Headers.Add(SubjectHeader, subject);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await Client.SendAsync(request);
        LastHeaders = response.Headers;
        return new Reply(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow));
    }

    /// <summary>The response headers of the last <see cref="SendAsync"/>, for tests about headers beside a table's reply.</summary>
    public System.Net.Http.Headers.HttpResponseHeaders? LastHeaders { get; private set; }

    /// <summary>POSTs a JSON body, as a GraphQL-over-HTTP client does.</summary>
    public Task<Reply> PostAsync(string body, string? accept = null, string contentType = "application/json", string? subject = null) =>
        SendAsync(HttpMethod.Post, "/graphql", accept, contentType, body, subject);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (app is not null)
            await app.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

/// <summary>What a client sees; tables compare whole replies, so a failing row shows everything that differs.</summary>
public sealed record Reply(int Status, string? ContentType, string Body, string? Allow = null);
