using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Phm.Data.Replicas;

namespace Phm.Api.Tests.Replicas;

/// <summary>
/// <c>Phm:Database:ReadReplica</c> on a private primary and its hot standby (<see cref="StandbyPair"/>): queries read the standby
/// while it keeps up; saved cohorts are read back from the primary right after they are written; a standby lagging past
/// <c>ReadReplicaMaxLag</c> or down sends queries to the primary, and says so in the log without a connection string.
/// Each test changes a patient of its own on the primary (a year off the birth year) and reads the age back to see which server answered.
/// </summary>
public sealed class ReadReplicaTests(ReadReplicaTests.Fixture fixture) : IClassFixture<ReadReplicaTests.Fixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task AQuery_ReadsTheReplica_WhileItKeepsUp()
    {
        var (hub, pair) = await fixture.StartAsync();
        var patient = await fixture.PatientAsync(0);
        var before = await hub.AgeOfAsync(patient);

        await pair.WhileReplayPausedAsync(async () =>
        {
            await fixture.MakeOlderOnThePrimaryAsync(patient);
            Assert.Equal(ReplicaState.InUse, await hub.Replica.CheckAsync(CancellationToken.None));

            Assert.Equal(before, await hub.AgeOfAsync(patient));
        });
        await hub.WaitForAsync(ReplicaState.InUse, () => hub.AgeOfAsync(patient), age => age == before + 1);
    }

    [SkippableFact]
    public async Task ASavedCohort_IsReadBackRightAfterSaving_FromThePrimary_WhileTheReplicaLags()
    {
        var (hub, pair) = await fixture.StartAsync();
        await pair.WhileReplayPausedAsync(async () =>
        {
            var saved = await hub.PostAsync("""mutation { saveCohort(input: { name: "Replica: read your writes", criteria: { alive: true } }) { id } }""");
            var id = saved.Json.GetProperty("data").GetProperty("saveCohort").GetProperty("id").GetString();

            var read = await hub.PostAsync("""query($id: ID!) { cohort(id: $id) { id name } }""", new { id });

            Assert.Equal("Replica: read your writes", read.Json.GetProperty("data").GetProperty("cohort").GetProperty("name").GetString());
            Assert.Equal(ReplicaState.InUse, await hub.Replica.CheckAsync(CancellationToken.None));
        });
    }

    [SkippableFact]
    public async Task AReplicaLaggingPastTheMaximum_SendsQueriesToThePrimary_AndTheLogSaysSo()
    {
        var (hub, pair) = await fixture.StartAsync();
        await using var strict = hub.With(("Phm:Database:ReadReplicaMaxLag", "00:00:01"));
        var patient = await fixture.PatientAsync(1);
        await strict.WaitForAsync(ReplicaState.InUse);
        var before = await strict.AgeOfAsync(patient);

        await pair.WhileReplayPausedAsync(async () =>
        {
            await fixture.MakeOlderOnThePrimaryAsync(patient);

            await strict.WaitForAsync(ReplicaState.Lagging, () => strict.AgeOfAsync(patient), age => age == before + 1);
        });
        await strict.WaitForAsync(ReplicaState.InUse);
        Assert.Contains(strict.Log, line => line.StartsWith("Queries read from the primary: the read replica lags", StringComparison.Ordinal));
        Assert.DoesNotContain(strict.Log, line => line.Contains("Host=", StringComparison.OrdinalIgnoreCase) || line.Contains(patient, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AReplicaThatIsDown_SendsQueriesToThePrimary_UntilItIsBack()
    {
        var (hub, pair) = await fixture.StartAsync();
        var patient = await fixture.PatientAsync(2);
        await hub.WaitForAsync(ReplicaState.InUse);
        var before = await hub.AgeOfAsync(patient);

        await pair.StopStandbyAsync();
        try
        {
            await fixture.MakeOlderOnThePrimaryAsync(patient);

            await hub.WaitForAsync(ReplicaState.Unavailable, () => hub.AgeOfAsync(patient), age => age == before + 1);
        }
        finally
        {
            await pair.StartStandbyAsync();
        }
        await hub.WaitForAsync(ReplicaState.InUse, () => hub.AgeOfAsync(patient), age => age == before + 1);
        Assert.Contains(hub.Log, line => line.StartsWith("Queries read from the primary: the read replica is not used, since it did not answer", StringComparison.Ordinal));
    }

    /// <summary>The pair and a hub on it, started by the first test that asks (so that a missing PostgreSQL skips each test, not the class).</summary>
    public sealed class Fixture : IAsyncLifetime, IAsyncDisposable
    {
        private readonly SemaphoreSlim _starting = new(1, 1);
        private StandbyPair? _pair;
        private ReplicaApiFactory? _root;
        private ReplicaHub? _hub;
        private IReadOnlyList<string>? _patients;

        public async Task<(ReplicaHub Hub, StandbyPair Pair)> StartAsync()
        {
            await _starting.WaitAsync();
            try
            {
                _pair ??= await StandbyPair.StartAsync();
                if (_hub is null)
                {
                    // Replay is never paused for long in these tests: a lag of minutes is still "keeping up" for this hub.
                    _root = new ReplicaApiFactory(_pair);
                    _hub = new ReplicaHub(_root, ("Phm:Database:ReadReplicaMaxLag", "00:10:00"));
                    await _hub.WaitForAsync(ReplicaState.InUse);
                }
                return (_hub, _pair);
            }
            finally
            {
                _starting.Release();
            }
        }

        /// <summary>A patient of <see cref="GovernanceTests.PcnA"/> for the test numbered <paramref name="test"/>, none shared between tests.</summary>
        public async Task<string> PatientAsync(int test)
        {
            _patients ??= [.. (await _hub!.PostAsync("""{ patients(first: 3) { edges { node { id } } } }""")).Json
                .GetProperty("data").GetProperty("patients").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!)];
            return _patients[test];
        }

        /// <summary>Takes a year off the patient's birth year on the primary alone, so the age read back tells which server answered.</summary>
        public Task MakeOlderOnThePrimaryAsync(string patient) =>
            StandbyPair.ExecuteAsync(_pair!.PrimaryConnectionString, $"""UPDATE "Patients" SET "BirthYear" = "BirthYear" - 1 WHERE "Pseudonym" = '{patient}'""");

        public Task InitializeAsync() => Task.CompletedTask;

        // Through IAsyncLifetime, which xUnit calls on a class fixture (it does not call IAsyncDisposable): the servers must not outlive the run.
        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

        public async ValueTask DisposeAsync()
        {
            if (_hub is not null)
                await _hub.DisposeAsync();
            if (_root is not null)
                await _root.DisposeAsync();
            if (_pair is not null)
                await _pair.DisposeAsync();
        }
    }

    /// <summary>A hub on the pair's primary, reading from its standby, as a clinician of <see cref="GovernanceTests.PcnA"/>, keeping its log.</summary>
    public sealed class ReplicaHub : IAsyncDisposable
    {
        private readonly PhmApiFactory _root;
        private readonly WebApplicationFactory<Program> _hub;
        private readonly LogLines _log = new();
        private readonly string _token;

        public ReplicaHub(PhmApiFactory root, params (string Key, string Value)[] settings)
        {
            _root = root;
            _hub = root.WithWebHostBuilder(builder =>
            {
                foreach (var (key, value) in settings)
                    builder.UseSetting(key, value);
                // Checked often, so that the tests wait little for a change of state.
                builder.UseSetting("Phm:Database:ReadReplicaCheckInterval", "00:00:00.2");
                builder.ConfigureLogging(logging => logging.AddProvider(_log));
            });
            _token = root.AsClinician(GovernanceTests.PcnA, "replica-test").BearerToken!;
        }

        public ReadReplica Replica => _hub.Services.GetRequiredService<ReadReplica>();

        public IReadOnlyCollection<string> Log => _log.Lines;

        /// <summary>The same hub with more settings.</summary>
        public ReplicaHub With(params (string Key, string Value)[] settings) => new(_root, settings);

        public Task<GraphQLResponse> PostAsync(string query, object? variables = null) =>
            PhmApiFactory.PostGraphQLAsync(_hub, new { query, variables }, _token);

        public async Task<int> AgeOfAsync(string patient) =>
            (await PostAsync("""query($id: ID!) { patient(id: $id) { age } }""", new { id = patient })).Json
                .GetProperty("data").GetProperty("patient").GetProperty("age").GetInt32();

        /// <summary>Checks the replica until it is in <paramref name="state"/> and, if given, the read satisfies <paramref name="expected"/>; fails after <see cref="Patience"/>.</summary>
        public async Task WaitForAsync(ReplicaState state, Func<Task<int>>? read = null, Func<int, bool>? expected = null)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var now = await Replica.CheckAsync(CancellationToken.None);
                if (now == state && (read is null || expected!(await read())))
                    return;
                Assert.True(DateTime.UtcNow < deadline, $"The read replica is {now}, not {state} as expected, after {Patience}.");
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }

        public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
    }

    /// <summary>The messages the hub logs, formatted.</summary>
    private sealed class LogLines : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    /// <summary>The test hub (its population, seed and test risk models) on the pair's primary, with the standby as its read replica.</summary>
    private sealed class ReplicaApiFactory(StandbyPair pair) : PhmApiFactory($"phm-api-tests-replica-{Environment.ProcessId}")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Phm:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Phm", pair.PrimaryConnectionString);
            builder.UseSetting("Phm:Database:ReadReplica", pair.StandbyConnectionString);
        }
    }
}
