using System.Diagnostics;
using System.Globalization;

namespace Phm.Bench.Load;

/// <summary>
/// The hub as deployed, in a process of its own (so that its working set and CPU are its own, not the load driver's): the
/// Release build of Phm.Api in the Production environment, listening on loopback, with the settings given as environment
/// variables. Its console goes to <c>hub.log</c> in its working directory. Disposing stops it (SIGTERM, so that the audit
/// queue is saved, then a kill after 15 s).
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private HubProcess(Process process, StreamWriter log, Uri address)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the hub and waits until <c>/health/ready</c> answers 200; the elapsed time is its start, store build included.</summary>
    public static async Task<(HubProcess Hub, TimeSpan Start)> StartAsync(string workingDirectory, int port, IReadOnlyDictionary<string, string> settings, TimeSpan startTimeout)
    {
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HubDll());
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Phm"] = "Information";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var log = new StreamWriter(Path.Combine(workingDirectory, "hub.log"), append: true) { AutoFlush = true };
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The hub did not start.");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hub = new HubProcess(process, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await hub.WaitUntilReadyAsync(startTimeout);
            return (hub, watch.Elapsed);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>The hub's resident memory now (bytes), from the kernel.</summary>
    public long WorkingSet
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The hub stopped while starting (exit code {process.ExitCode}); see {LogPath()}.");
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: it listens once the store is prepared.
            }
            catch (TaskCanceledException)
            {
                // A probe slower than 5 s on a busy machine; ask again.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The hub was not ready within {timeout}; see {LogPath()}.");
    }

    private string LogPath() => Path.Combine(process.StartInfo.WorkingDirectory, "hub.log");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await terminate.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        await log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    /// <summary>
    /// Phm.Api.dll beside this bench when it was built into one folder (<c>dotnet build -o</c>), else the one of the same
    /// build configuration in src/Phm.Api (built with the bench, as a project reference).
    /// </summary>
    private static string HubDll()
    {
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "Phm.Api.runtimeconfig.json")))
            return Path.Combine(AppContext.BaseDirectory, "Phm.Api.dll");
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "src", "Phm.Api", "bin", configuration, framework, "Phm.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The hub's build is missing: {dll}.");
    }
}
