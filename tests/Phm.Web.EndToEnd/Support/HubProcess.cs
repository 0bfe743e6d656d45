using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Phm.Web.EndToEnd.Support;

/// <summary>
/// The real hub as <c>dotnet run --project src/Phm.Api</c> starts it (Development, so with its sign-in page), listening on a
/// free loopback port over a small generated population in a temporary folder, scored with the committed risk models.
/// Its output is kept, to be shown when it fails to start.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    /// <summary>Enough patients for a page of 500 members in one PCN, few enough to build in well under a minute.</summary>
    public const int Population = 6000;
    public const int Seed = 42;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private HubProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    /// <summary>The hub's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>What the hub has written to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static async Task<HubProcess> StartAsync()
    {
        // PHM_E2E_PORT pins the port (on a machine shared by several runs, each its own); a free one otherwise.
        var port = int.TryParse(Environment.GetEnvironmentVariable("PHM_E2E_PORT"), out var pinned) ? pinned : FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var dataDirectory = Directory.CreateTempSubdirectory("phm-web-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in new[]
        {
            HubAssembly, "--urls", address.ToString().TrimEnd('/'),
            "--Phm:Population", Population.ToString(CultureInfo.InvariantCulture),
            "--Phm:Seed", Seed.ToString(CultureInfo.InvariantCulture),
            "--Phm:DataDirectory", dataDirectory,
        })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var hub = new HubProcess(process, address, dataDirectory);
        process.OutputDataReceived += (_, line) => hub.Append(line.Data);
        process.ErrorDataReceived += (_, line) => hub.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await hub.WaitUntilAnsweringAsync();
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return hub;
    }

    /// <summary>Phm.Api.dll as the hub's project built it (the project file records the path).</summary>
    private static string HubAssembly =>
        typeof(HubProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HubAssembly").Value
        ?? throw new InvalidOperationException("The test assembly does not record where Phm.Api.dll is.");

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The hub exited with code {_process.ExitCode} before answering:\n{Log}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The hub did not answer at {Address} within {StartTimeout}:\n{Log}");
            try
            {
                using var content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("graphql", content);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the first start builds the store before it listens.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy; ask again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
