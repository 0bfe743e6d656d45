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

    /// <summary>As a shell reports a command stopped by Ctrl+C, and as System.CommandLine returns for it.</summary>
    public const int StoppedExitCode = 130;

    /// <summary>
    /// Runs <paramref name="args"/>. A data directory or key file that cannot be written (read-only, full) is one line naming
    /// the path and why, exit code 1; a command stopped by Ctrl+C or SIGTERM (a service manager, <c>timeout</c>) is one line,
    /// exit code 130, its transactions rolled back as they unwind; anything else unexpected is printed whole, exit code 1, as
    /// System.CommandLine would.
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
        catch (OperationCanceledException)
        {
            await configuration.Error.WriteLineAsync("Stopped before it finished: what it had not committed was rolled back. Run the command again to complete it.");
            return StoppedExitCode;
        }
        catch (Exception unexpected)
        {
            await configuration.Error.WriteLineAsync("Unhandled exception: " + unexpected);
            return 1;
        }
    }
}
