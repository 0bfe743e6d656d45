using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Phm.Cli.Tests.Support;

/// <summary>
/// <c>phm</c> as a process of its own (the <c>phm.dll</c> built beside the tests), so that a test can kill it with SIGKILL
/// mid-work, as the kernel's out-of-memory killer or a pulled plug would: no finally block, no rollback by the process itself.
/// </summary>
public sealed class ChildCommand : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildCommand(Process process) => _process = process;

    /// <summary>Starts <c>phm <paramref name="args"/></c> with the environment <paramref name="environment"/> added.</summary>
    public static ChildCommand Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "phm.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var command = new ChildCommand(new Process { StartInfo = start });
        command._process.OutputDataReceived += (_, line) => command.Append(line.Data);
        command._process.ErrorDataReceived += (_, line) => command.Append(line.Data);
        command._process.Start();
        command._process.BeginOutputReadLine();
        command._process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Everything printed so far, output and error interleaved.</summary>
    public string Printed
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails if the command ends first or <paramref name="limit"/> passes.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"phm ended (exit code {_process.ExitCode}) before {what}:\n{Printed}");
            if (watch.Elapsed > limit)
                throw new TimeoutException($"phm did not reach {what} within {limit}:\n{Printed}");
            await Task.Delay(10);
        }
    }

    /// <summary>SIGKILL, then waits for the process to be gone; fails if it had already ended (the kill would have proved nothing).</summary>
    public async Task KillAsync()
    {
        Assert.False(_process.HasExited, "phm ended before it could be killed:\n" + Printed);
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager or <c>timeout</c> stops a command; returns its exit code once it has ended.</summary>
    public async Task<int> TerminateAsync()
    {
        Assert.False(_process.HasExited, "phm ended before it could be stopped:\n" + Printed);
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
