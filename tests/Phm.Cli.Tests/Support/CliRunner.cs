using System.CommandLine;

namespace Phm.Cli.Tests.Support;

/// <summary>Runs the <c>phm</c> command line in process and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PhmCommandLine.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        // Help names the running executable, which under a test runner is the runner, not phm.
        var executable = System.CommandLine.RootCommand.ExecutableName;
        return (exitCode, output.ToString().Replace($"  {executable} ", "  phm ", StringComparison.Ordinal), error.ToString());
    }
}
