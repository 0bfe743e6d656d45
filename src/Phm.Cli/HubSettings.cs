using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Cli;

/// <summary>
/// The hub's configuration as the API sees it (the API's appsettings.json, environment variables such as
/// <c>Phm__DataDirectory</c> and <c>ConnectionStrings__Phm</c>), overridden by the few global options the commands share.
/// </summary>
public static class HubSettings
{
    public static readonly Option<string?> DataDirectory = new("--data-directory") { Description = "Folder of the SQLite store (Phm:DataDirectory).", Recursive = true };
    public static readonly Option<DatabaseProvider?> Provider = new("--provider") { Description = "Sqlite, Postgres or SqlServer (Phm:Database:Provider).", Recursive = true };
    public static readonly Option<string?> ConnectionString = new("--connection-string") { Description = "Database server connection string (ConnectionStrings:Phm). Prefer the environment variable ConnectionStrings__Phm: a command line can be seen by other users.", Recursive = true };

    public static IEnumerable<Option> Options => [DataDirectory, Provider, ConnectionString];

    /// <summary>A host with the hub's data services, configured from the usual sources and the parsed options.</summary>
    public static IHost CreateHost(ParseResult parse)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = false, Args = [] });
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(DataDirectory) is { } directory)
            overrides["Phm:DataDirectory"] = directory;
        if (parse.GetValue(Provider) is { } provider)
            overrides["Phm:Database:Provider"] = provider.ToString();
        if (parse.GetValue(ConnectionString) is { } connectionString)
            overrides["ConnectionStrings:Phm"] = connectionString;
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Phm", LogLevel.Information);
        builder.Services.AddPhmData(builder.Configuration);
        builder.Services.AddPhmRiskModels();
        return builder.Build();
    }

    /// <summary>A key from <paramref name="load"/>, or null after writing why its file was refused (naming it, never its contents).</summary>
    public static TKey? LoadKey<TKey>(Func<TKey> load, TextWriter error)
        where TKey : class
    {
        try
        {
            return load();
        }
        catch (InvalidOperationException corrupt)
        {
            error.WriteLine(corrupt.Message);
            return null;
        }
    }
}
