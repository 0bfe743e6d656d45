using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Phm.Data.Store;
using Phm.Ml.Outcomes;
using Phm.Ml.Scoring;
using Phm.Ml.Training;
using Spectre.Console;

namespace Phm.Cli;

/// <summary><c>phm train</c> and <c>phm evaluate</c>: the risk models of <c>ml-models/models.json</c>, on the configured store.</summary>
public static class ModelCommands
{
    private static readonly Option<string?> ModelName = new("--model") { Description = "Only this model of models.json (default: every model)." };
    private static readonly Option<string?> ModelsFolder = new("--models-directory") { Description = $"The {ModelsDirectory.FolderName} folder ({ModelsDirectory.ConfigurationKey}; default: the one in the working directory or above it)." };

    /// <summary><c>phm train</c>: builds (or reuses) the store, trains each model's candidates and writes the chosen one's version folder.</summary>
    public static Command Train()
    {
        var command = new Command("train", "Train the risk models on the store (built or reused as the hub does): fit the candidates, evaluate them out of time, write ml-models/<model>/<version>/.")
        {
            ModelName, ModelsFolder,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (context, definition, report) =>
        {
            var run = await new RiskModelTrainer(context.Store.CreateContext).TrainAsync(definition, context.Manifest.ReferenceDate, report, cancellationToken);
            report.Report("evaluating and writing the version folder");
            var written = await ModelFolder.WriteAsync(run, context.Manifest, context.ModelsDirectory, TimeProvider.System, cancellationToken);
            return written.Summary;
        }));
        return command;
    }

    /// <summary><c>phm evaluate</c>: re-evaluates each committed model version on the store and rewrites its metrics.</summary>
    public static Command Evaluate()
    {
        var command = new Command("evaluate", "Re-evaluate the committed version of each risk model on the store, out of time, and rewrite its metrics.json, plots and model card.")
        {
            ModelName, ModelsFolder,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (context, definition, report) =>
        {
            var written = await ModelFolder.ReevaluateAsync(definition, context.Store.CreateContext, context.Manifest.ReferenceDate, context.ModelsDirectory, report, cancellationToken);
            return written.Summary;
        }));
        return command;
    }

    private sealed record ModelContext(PhmStore Store, StoreManifest Manifest, string ModelsDirectory);

    private static async Task<int> RunAsync(ParseResult parse, Func<ModelContext, ModelDefinition, IProgress<string>, Task<string>> perModel)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        using var host = HubSettings.CreateHost(parse);
        string directory;
        IReadOnlyList<ModelDefinition> definitions;
        try
        {
            directory = ModelsDirectory.Resolve(parse.GetValue(ModelsFolder) ?? host.Services.GetRequiredService<IConfiguration>()[ModelsDirectory.ConfigurationKey]);
            definitions = await ModelsFile.ReadAsync(Path.Combine(directory, ModelsFile.FileName), CancellationToken.None);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        if (parse.GetValue(ModelName) is { } name)
        {
            definitions = [.. definitions.Where(d => d.Name == name)];
            if (definitions.Count == 0)
            {
                error.WriteLine($"No model '{name}' in {Path.Combine(directory, ModelsFile.FileName)}.");
                return 1;
            }
        }

        var store = host.Services.GetRequiredService<PhmStore>();
        try
        {
            await WithProgressAsync(error, async report =>
            {
                report.Report("building or reusing the store");
                var manifest = await store.EnsureReadyAsync(CancellationToken.None);
                var context = new ModelContext(store, manifest, directory);
                foreach (var definition in definitions)
                {
                    var summary = await perModel(context, definition, new Prefixed(definition.Name, report));
                    output.WriteLine(summary);
                }
            });
        }
        catch (RiskModelRefusedException refused)
        {
            error.WriteLine(refused.Message);
            return 1;
        }
        return 0;
    }

    /// <summary>A spinner with the current step when the error stream is a terminal; otherwise one line per step.</summary>
    private static async Task WithProgressAsync(TextWriter error, Func<IProgress<string>, Task> work)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            await work(new Step(error.WriteLine));
            return;
        }
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await terminal.Status().StartAsync("starting", async status =>
            await work(new Step(step => status.Status(Markup.Escape(step)))));
    }

    private sealed class Step(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    private sealed class Prefixed(string model, IProgress<string> inner) : IProgress<string>
    {
        public void Report(string value) => inner.Report($"{model}: {value}");
    }
}
