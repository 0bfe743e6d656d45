using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Phm.Data.Store;

/// <summary>
/// Logs each phase of a long piece of work (a store build, a model's scores) at Debug, with its wall-clock and the process's CPU
/// seconds: on a shared machine the CPU time is what load inflates least, so the two together show where a first start goes.
/// </summary>
public sealed class PhaseStopwatch(ILogger logger, string work)
{
    public static PhaseStopwatch None { get; } = new(NullLogger.Instance, "");

    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = ProcessCpu();

    /// <summary>Logs the phase that ends now and starts timing the next; returns the phase's wall-clock, for a caller's own log.</summary>
    public TimeSpan Lap(string phase)
    {
        var wall = _wall.Elapsed;
        _wall.Restart();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var cpu = ProcessCpu();
            logger.LogDebug("{Work}: {Phase} in {WallSeconds:F2} s ({CpuSeconds:F2} s CPU)", work, phase, wall.TotalSeconds, (cpu - _cpu).TotalSeconds);
            _cpu = cpu;
        }
        return wall;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
