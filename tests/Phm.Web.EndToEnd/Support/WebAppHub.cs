using System.Globalization;
using System.Reflection;
using Phm.Testing;

namespace Phm.Web.EndToEnd.Support;

/// <summary>
/// The real hub as <c>dotnet run --project src/Phm.Api</c> starts it (Development, so with its sign-in page), on a small
/// generated population in a temporary folder, scored with the committed risk models.
/// </summary>
public static class WebAppHub
{
    /// <summary>Enough patients for a page of 500 members in one PCN, few enough to build in well under a minute.</summary>
    public const int Population = 6000;
    public const int Seed = 42;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Starts the hub on the port <c>PHM_E2E_PORT</c> names (on a machine shared by several runs, each its own), or a free one.</summary>
    public static Task<HubProcess> StartAsync() =>
        HubProcess.StartInTemporaryFolderAsync(
            HubAssembly, "phm-web-e2e-",
            int.TryParse(Environment.GetEnvironmentVariable("PHM_E2E_PORT"), out var pinned) ? pinned : HubProcess.FreePort(),
            "Development",
            dataDirectory => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Phm:Population"] = Population.ToString(CultureInfo.InvariantCulture),
                ["Phm:Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
                ["Phm:DataDirectory"] = dataDirectory,
            },
            StartTimeout);

    /// <summary>Phm.Api.dll as the hub's project built it (the project file records the path).</summary>
    private static string HubAssembly =>
        typeof(WebAppHub).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HubAssembly").Value
        ?? throw new InvalidOperationException("The test assembly does not record where Phm.Api.dll is.");
}
