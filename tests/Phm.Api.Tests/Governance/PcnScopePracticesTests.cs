using GraphQL;
using GraphQLParser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Governance;
using Phm.Data.Sqlite;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// A PCN clinician's request is given the PCN's practices before it runs, so the query filters compare a list; a document that
/// asks only for introspection reads nothing from the store for it. The reference data the list comes from is held for every
/// caller, and the list is taken from it for each request's own PCN.
/// </summary>
public sealed class PcnScopePracticesTests : IAsyncLifetime
{
    private readonly SqlCommandCounter _commands = new();
    private string _clinicianPcn = Central;
    private TestStore? _store;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        _services = new ServiceCollection()
            .AddOptions()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<StoreReferenceCache>()
            .AddScoped<StoreReferenceLoader>()
            .AddScoped(_ => PatientScope.RegisteredIn(_clinicianPcn))
            .AddDbContext<PhmDbContext, SqlitePhmDbContext>(options =>
            {
                SqlitePhmDbContext.Configure(options, TestStore.ConnectionStringFor(_store.Path));
                options.AddInterceptors(_commands);
            })
            .BuildServiceProvider();
    }

    [Theory]
    [InlineData("{ practices { code } }")]
    [InlineData("{ __typename __practices: practices { code } }")]
    [InlineData("{ __typename practices @skip(if: true) { code } }")]
    [InlineData("query Probe { __typename } query Data { practices { code } }")]
    public async Task Clinician_AskingForData_IsGivenThePcnsPracticesAtTheReferenceDate(string query)
    {
        var scope = await ScopeAfterAsync(query);

        Assert.Equal([Beta], scope.PracticeCodes);
    }

    [Theory]
    [InlineData("{ __typename }")]
    [InlineData("query Probe { __typename __schema { queryType { name } } }")]
    public async Task Clinician_AskingOnlyForIntrospection_ReadsNothingFromTheStore(string query)
    {
        var scope = await ScopeAfterAsync(query);

        Assert.Null(scope.PracticeCodes);
        Assert.Empty(_commands.Commands);
    }

    [Theory]
    [InlineData("{ ...probe } fragment probe on Query { __typename }")]
    [InlineData("{ __typename ... on Query { __typename } }")]
    [InlineData("{ ...probe } fragment probe on Query { ...probe }")]
    public async Task Clinician_WithAFragmentAtTheRoot_IsGivenThePractices_WhateverTheFragmentSelects(string query)
    {
        var scope = await ScopeAfterAsync(query);

        Assert.Equal([Beta], scope.PracticeCodes);
    }

    [Fact]
    public async Task Clinicians_OfTwoPcnsInTurn_AreEachGivenTheirOwnPcnsPractices_FromTheReferenceDataHeldForBoth()
    {
        var scopes = new List<IReadOnlyList<string>?>();
        foreach (var pcn in new[] { North, Central, North, Central })
        {
            _clinicianPcn = pcn;
            scopes.Add((await ScopeAfterAsync("{ practices { code } }")).PracticeCodes);
        }

        Assert.Equal([[Alpha], [Beta], [Alpha], [Beta]], scopes);
    }

    /// <summary>Runs the step on a parsed <paramref name="query"/>, as the document cache hands one on, and returns the context's scope then.</summary>
    private async Task<PatientScope> ScopeAfterAsync(string query)
    {
        await using var request = _services.CreateAsyncScope();
        var db = request.ServiceProvider.GetRequiredService<PhmDbContext>();
        db.PatientScope = request.ServiceProvider.GetRequiredService<PatientScope>();
        _commands.Reset();
        PatientScope? seen = null;

        await new PcnScopePractices().ExecuteAsync(
            new ExecutionOptions { Query = query, Document = Parser.Parse(query), RequestServices = request.ServiceProvider },
            _ =>
            {
                seen = db.PatientScope;
                return Task.FromResult(new ExecutionResult());
            });

        return seen!;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _store?.Dispose();
    }
}
