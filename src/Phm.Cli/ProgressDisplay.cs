using Spectre.Console;

namespace Phm.Cli;

/// <summary>
/// Long work's progress on the error stream, so the summary on the output stays easy to parse: a progress bar when the
/// error stream is a terminal, otherwise one plain line per report for logs and scripts.
/// </summary>
internal static class ProgressDisplay
{
    /// <param name="describe">The bar's text for a report.</param>
    /// <param name="line">A report as a plain line.</param>
    public static async Task<TResult> RunAsync<TReport, TResult>(TextWriter error, string title, Func<IProgress<TReport>, Task<TResult>> work,
        Func<TReport, double> fraction, Func<TReport, string> describe, Func<TReport, string> line)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
            return await work(new SynchronousProgress<TReport>(report => error.WriteLine(line(report))));

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(title, maxValue: 1);
                var result = await work(new SynchronousProgress<TReport>(report =>
                {
                    bar.Value = fraction(report);
                    bar.Description = Markup.Escape(describe(report));
                }));
                bar.Value = 1;
                return result;
            });
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
