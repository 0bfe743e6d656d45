using System.CommandLine;

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
}
