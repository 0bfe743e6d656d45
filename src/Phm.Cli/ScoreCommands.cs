using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Cli;

public static class ScoreCommands
{
    private static readonly Option<bool> Force = new("--force") { Description = "Rescore every model, even those whose scores are current." };

    /// <summary>
    /// <c>phm score</c>: what the hub does after preparing the store, on demand: score it with every model not scored at its
    /// current version. The store is scored as it is (after any pending migration and the derived rows an older build lacks),
    /// never rebuilt: build it with <c>phm build</c>.
    /// </summary>
    public static Command Score()
    {
        var command = new Command("score", "Score the store's population with the hub's risk models: each model not yet scored at its current version (all with --force).") { Force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var host = HubSettings.CreateHost(parse);
            try
            {
                var scoring = host.Services.GetRequiredService<RiskScoring>();
                var store = host.Services.GetRequiredService<PhmStore>();
                RiskScoringResult result;
                // Not while a hub on the same database prepares (and scores) it.
                await using (await scoring.LockPreparationAsync(cancellationToken))
                {
                    await store.UpgradeInPlaceAsync(cancellationToken);
                    result = await ProgressDisplay.RunAsync<RiskScoringProgress, RiskScoringResult>(error, "Scoring", progress => scoring.ScoreAsync(parse.GetValue(Force), progress, cancellationToken),
                        report => report.Fraction, report => report.Step, report => report.StepsDone < report.Steps ? $"step {report.StepsDone + 1} of {report.Steps}: {report.Step}" : report.Step);
                }
                foreach (var name in result.Retired)
                    output.WriteLine($"Removed the scores of {name}, a model the hub no longer has.");
                foreach (var model in result.Scored)
                    output.WriteLine($"Scored {model.Name} {model.Version}: {model.PatientsScored:N0} patients at {model.ScoredOn:yyyy-MM-dd}.");
                if (result.Current.Count > 0)
                    output.WriteLine($"Already current: {string.Join(", ", result.Current)} (--force rescores them).");
                if (result.Scored.Count == 0 && result.Current.Count == 0)
                    output.WriteLine("No risk models to score.");
                return 0;
            }
            catch (Exception refused) when (refused is OptionsValidationException or InvalidOperationException)
            {
                error.WriteLine(refused.Message);
                return 1;
            }
        });
        return command;
    }
}
