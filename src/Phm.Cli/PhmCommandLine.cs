using System.CommandLine;
using Phm.Data.Store;

namespace Phm.Cli;

/// <summary>The <c>phm</c> command line: <c>phm &lt;noun&gt; &lt;verb&gt;</c>, each feature adding its own commands.</summary>
public static class PhmCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("PHM data hub: manage the store, data and access of a population health management hub.");
        foreach (var option in HubSettings.Options)
            root.Options.Add(option);
        root.Subcommands.Add(StoreCommands.Migrate());
        root.Subcommands.Add(StoreCommands.Build());
        root.Subcommands.Add(TokenCommands.Token());
        root.Subcommands.Add(IngestCommands.Ingest());
        root.Subcommands.Add(ModelCommands.Train());
        root.Subcommands.Add(ModelCommands.Evaluate());
        root.Subcommands.Add(ScoreCommands.Score());
        return root;
    }

    /// <summary>
    /// Runs <paramref name="args"/>. A data directory or key file that cannot be written (read-only, full) is one line naming
    /// the path and why, exit code 1; anything else unexpected is printed whole, exit code 1, as System.CommandLine would.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration)
    {
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return await Build().Parse(args).InvokeAsync(configuration);
        }
        catch (UnwritablePathException unwritable)
        {
            await configuration.Error.WriteLineAsync(unwritable.Message);
            return 1;
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            await configuration.Error.WriteLineAsync("Unhandled exception: " + unexpected);
            return 1;
        }
    }
}
