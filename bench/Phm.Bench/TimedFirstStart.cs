using System.Diagnostics;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Bench;

/// <summary>The bench process's wall-clock and CPU seconds since a first start began.</summary>
internal readonly record struct Moment(double Seconds, double CpuSeconds);

/// <summary>
/// A first start as the hub makes it (<see cref="RiskScoring.PrepareStoreAsync"/>: a new store's scores written before it is
/// published, then the check that every model is current), with the clocks read where the build ends (<see cref="Built"/>;
/// zero when the store was reused), where the new store is published (<see cref="Scored"/>) and at the end (<see cref="Done"/>).
/// </summary>
internal sealed record TimedFirstStart(StoreManifest Manifest, Moment Built, Moment Scored, Moment Done, RiskScoringResult Checked)
{
    public static async Task<TimedFirstStart> RunAsync(PhmStore store, RiskScoring scoring)
    {
        var (watch, cpu) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
        Moment Now() => new(watch.Elapsed.TotalSeconds, IngestBench.CpuSince(cpu).TotalSeconds);
        Moment built = default;
        var manifest = await store.EnsureReadyAsync((building, cancellationToken) =>
        {
            built = Now();
            return scoring.ScoreNewStoreAsync(building, cancellationToken);
        }, CancellationToken.None);
        var scored = Now();
        var check = await scoring.ScoreAsync(force: false, progress: null, CancellationToken.None);
        return new TimedFirstStart(manifest, built, scored, Now(), check);
    }
}
