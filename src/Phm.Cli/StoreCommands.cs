using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Cli;

public static class StoreCommands
{
    /// <summary><c>phm migrate</c>: brings the database schema up to date without touching its data.</summary>
    public static Command Migrate()
    {
        var command = new Command("migrate", "Apply the store's schema migrations to the configured database.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = HubSettings.CreateHost(parse);
            var pending = await host.Services.GetRequiredService<PhmStore>().MigrateAsync(cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine(pending.Count == 0
                ? "The schema is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>phm build</c>: what the API does before serving, without serving: build (or reuse) the store and score it with the
    /// current risk models (<see cref="RiskScoring.PrepareStoreAsync"/>).
    /// </summary>
    public static Command Build()
    {
        var command = new Command("build", "Build the store from the reference data and the generated population, or reuse a complete one built from the same settings; then score it with the risk models not yet scored.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = HubSettings.CreateHost(parse);
            var scoring = host.Services.GetRequiredService<RiskScoring>();
            StoreManifest manifest;
            // Not while a hub on the same database prepares it.
            await using (await scoring.LockPreparationAsync(cancellationToken))
                manifest = await scoring.PrepareStoreAsync(cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"Store ready: {manifest.Population:N0} patients, seed {manifest.Seed}, built {manifest.BuiltAtUtc:u}.");
            return 0;
        });
        return command;
    }
}
