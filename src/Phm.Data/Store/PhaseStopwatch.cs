using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Phm.Data.Store;

/// <summary>
/// Logs each phase of a long piece of work (a store build, a model's scores) at Debug, with its wall-clock and the process's CPU
/// seconds, what it allocated and paused for garbage collection, and its time compiling code (the whole process's, all threads: the
/// JIT's background recompilation of hot methods included): on a shared machine the CPU time is what load inflates least, so
/// together they show where a first start goes.
/// </summary>
public sealed class PhaseStopwatch(ILogger logger, string work)
{
    public static PhaseStopwatch None { get; } = new(NullLogger.Instance, "");

    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = ProcessCpu();
    private TimeSpan _gcPauses = GC.GetTotalPauseDuration();
    private long _allocated = GC.GetTotalAllocatedBytes();
    private TimeSpan _jit = JitInfo.GetCompilationTime();

    /// <summary>Logs the phase that ends now and starts timing the next; returns the phase's wall-clock, for a caller's own log.</summary>
    public TimeSpan Lap(string phase)
    {
        var wall = _wall.Elapsed;
        _wall.Restart();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var cpu = ProcessCpu();
            var gcPauses = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes();
            var jit = JitInfo.GetCompilationTime();
            logger.LogDebug("{Work}: {Phase} in {WallSeconds:F2} s ({CpuSeconds:F2} s CPU, {AllocatedMegabytes:F0} MB allocated, GC paused {GcPauseSeconds:F2} s, JIT {JitSeconds:F2} s)",
                work, phase, wall.TotalSeconds, (cpu - _cpu).TotalSeconds, (allocated - _allocated) / 1e6, (gcPauses - _gcPauses).TotalSeconds, (jit - _jit).TotalSeconds);
            (_cpu, _gcPauses, _allocated, _jit) = (cpu, gcPauses, allocated, jit);
        }
        return wall;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
