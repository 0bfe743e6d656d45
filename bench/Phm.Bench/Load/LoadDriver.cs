using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HdrHistogram;

namespace Phm.Bench.Load;

/// <summary>How hard to push: users, how long, and each user's mean pause between requests (0: back to back).</summary>
internal sealed record LoadShape(int Clients, TimeSpan WarmUp, TimeSpan Duration, TimeSpan Think);

/// <summary>One query's figures from the measured part of a run.</summary>
internal sealed record QueryFigures(string Name, long Requests, double PerSecond, double P50, double P95, double P99, double Max, IReadOnlyDictionary<string, int> Errors)
{
    public int ErrorCount => Errors.Values.Sum();
}

/// <summary>
/// The load: each user sends one request at a time on a schedule of its own (exponential pauses of mean
/// <see cref="LoadShape.Think"/>, an open arrival process); a request's latency is counted from when it was due, not when it
/// left, so a hub that falls behind shows it in the percentiles (no coordinated omission). Requests due during the warm-up
/// are sent but not counted. Every answer other than 200 without <c>errors</c> is an error, named by its status and first
/// GraphQL error code.
/// </summary>
internal sealed class LoadDriver(HttpClient http)
{
    /// <summary>An HTTP client for <paramref name="clients"/> concurrent users: one connection each, kept open, as browsers' would be.</summary>
    public static HttpClient ClientFor(Uri hub, int clients) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = clients,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = hub,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<IReadOnlyList<QueryFigures>> RunAsync(IReadOnlyList<VirtualUser> users, LoadShape shape)
    {
        var recorders = LoadMix.All.ToDictionary(q => q, _ => new Recorder());
        var clock = Stopwatch.StartNew();
        var measureFrom = shape.WarmUp;
        var end = shape.WarmUp + shape.Duration;
        await Task.WhenAll(users.Select(user => Task.Run(() => RunUserAsync(user, shape, clock, measureFrom, end, recorders))));
        return [.. LoadMix.All.Select(q => recorders[q].Figures(q.Name, shape.Duration))];
    }

    private async Task RunUserAsync(VirtualUser user, LoadShape shape, Stopwatch clock, TimeSpan measureFrom, TimeSpan end, Dictionary<LoadQuery, Recorder> recorders)
    {
        var random = new Random(user.Number);
        // Users start spread over one pause, not all at once.
        var due = TimeSpan.FromTicks((long)(random.NextDouble() * shape.Think.Ticks));
        while (due < end)
        {
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var query = LoadMix.Next(user, random);
            var error = await SendAsync(user, query, random);
            var latency = clock.Elapsed - due;
            if (due >= measureFrom)
                recorders[query].Record(latency, error);
            due = shape.Think == TimeSpan.Zero ? clock.Elapsed : due + TimeSpan.FromTicks((long)(-Math.Log(1 - random.NextDouble()) * shape.Think.Ticks));
        }
    }

    /// <summary>Sends one request; the error it met, or null for a clean answer.</summary>
    public async Task<string?> SendAsync(VirtualUser user, LoadQuery query, Random random)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new { query = query.Document, variables = query.Variables(user, random) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && !body.Contains("\"errors\"", StringComparison.Ordinal)
                ? null
                : $"{(int)response.StatusCode} {FirstErrorCode(body)}";
        }
        catch (TaskCanceledException)
        {
            return "client timeout (60 s)";
        }
        catch (HttpRequestException e)
        {
            return $"connection: {e.HttpRequestError}";
        }
    }

    private static string FirstErrorCode(string body)
    {
        const string marker = "\"code\":\"";
        var at = body.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? "(no code)" : body[(at + marker.Length)..body.IndexOf('"', at + marker.Length)];
    }

    public static void Print(IReadOnlyList<QueryFigures> figures)
    {
        Console.WriteLine($"  {"query",-42} {"requests",9} {"req/s",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}  errors");
        foreach (var f in figures.Where(f => f.Requests > 0))
            Console.WriteLine($"  {f.Name,-42} {f.Requests,9:N0} {f.PerSecond,7:F1} {f.P50,8:F1} {f.P95,8:F1} {f.P99,8:F1} {f.Max,8:F0}  {Describe(f.Errors)}");
        var total = figures.Sum(f => f.Requests);
        var seconds = figures.FirstOrDefault(f => f.Requests > 0) is { } any ? any.Requests / any.PerSecond : 1;
        Console.WriteLine($"  {"all",-42} {total,9:N0} {total / seconds,7:F1} {"",8} {"",8} {"",8} {"",8}  {figures.Sum(f => f.ErrorCount)}");
    }

    private static string Describe(IReadOnlyDictionary<string, int> errors) =>
        errors.Count == 0 ? "0" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Value}× {e.Key}")));

    /// <summary>Latencies in microseconds (to an hour, 3 significant digits) and errors by kind, for one query.</summary>
    private sealed class Recorder
    {
        private readonly LongHistogram latencies = new(TimeSpan.FromHours(1).Ticks / 10, 3);
        private readonly Dictionary<string, int> errors = new(StringComparer.Ordinal);

        public void Record(TimeSpan latency, string? error)
        {
            lock (this)
            {
                latencies.RecordValue(Math.Max(1, latency.Ticks / 10));
                if (error is not null)
                    errors[error] = errors.GetValueOrDefault(error) + 1;
            }
        }

        public QueryFigures Figures(string name, TimeSpan duration)
        {
            lock (this)
            {
                double Ms(double percentile) => latencies.TotalCount == 0 ? 0 : latencies.GetValueAtPercentile(percentile) / 1000.0;
                return new QueryFigures(name, latencies.TotalCount, latencies.TotalCount / duration.TotalSeconds, Ms(50), Ms(95), Ms(99),
                    latencies.TotalCount == 0 ? 0 : latencies.GetMaxValue() / 1000.0, new Dictionary<string, int>(errors));
            }
        }
    }
}
