using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Phm.Testing;

/// <summary>
/// The hub as a process of its own (<c>dotnet Phm.Api.dll</c>), as a deployment runs it: listening on a loopback port, in the
/// environment named, with its settings as environment variables (secrets included, which a command line would show to
/// <c>ps</c>). Its console is appended to <c>hub.log</c> in its working directory. Started once <c>/health/ready</c> answers
/// 200; disposing stops it as a deployment does (SIGTERM, so that the audit queue is saved, then a kill after 15 s).
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    public const string LogFile = "hub.log";

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private string? _temporaryFolder;

    private HubProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    /// <summary>The hub's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <summary>The hub's resident memory now (bytes), from the kernel.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts <paramref name="hubAssembly"/> in <paramref name="workingDirectory"/> (made if missing) and waits until it is ready;
    /// if it stops or is not ready within <paramref name="startTimeout"/>, stops it and throws with what it printed meanwhile.
    /// </summary>
    public static async Task<HubProcess> StartAsync(
        string hubAssembly, string workingDirectory, int port, string environment, IReadOnlyDictionary<string, string> settings, TimeSpan startTimeout)
    {
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hubAssembly);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var logPath = Path.Combine(workingDirectory, LogFile);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var printedFrom = log.BaseStream.Position;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hub = new HubProcess(process, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await hub.WaitUntilReadyAsync(startTimeout);
            return hub;
        }
        catch (Exception failure)
        {
            await hub.DisposeAsync();
            throw new InvalidOperationException($"The hub at {hub.Address} was not ready ({failure.Message}); it printed ({logPath}):\n{PrintedSince(logPath, printedFrom)}", failure);
        }
    }

    /// <summary>
    /// Starts the hub as <see cref="StartAsync"/> does in a temporary folder of its own, which disposing deletes;
    /// <paramref name="settings"/> are given the folder's path.
    /// </summary>
    public static async Task<HubProcess> StartInTemporaryFolderAsync(
        string hubAssembly, string folderPrefix, int port, string environment, Func<string, IReadOnlyDictionary<string, string>> settings, TimeSpan startTimeout)
    {
        var folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        try
        {
            var hub = await StartAsync(hubAssembly, folder, port, environment, settings(folder), startTimeout);
            hub._temporaryFolder = folder;
            return hub;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>A loopback port free now, for a hub that needs no fixed one.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"it exited with code {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
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
        throw new TimeoutException($"not within {timeout}");
    }

    private static string PrintedSince(string logPath, long position)
    {
        using var file = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = position;
        using var reader = new StreamReader(file);
        return reader.ReadToEnd();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await terminate.WaitForExitAsync();
            using var patience = new CancellationTokenSource(StopPatience);
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_log)
            _log.Dispose();
        if (_temporaryFolder is not null)
            Directory.Delete(_temporaryFolder, recursive: true);
    }
}
