namespace Phm.Cli.Tests;

/// <summary>
/// A data directory that cannot be written is refused at start with one line naming it and why, exit code 1, no stack trace.
/// Root ignores file permissions, so the portable case here is a data directory that is a file; a read-only file system and a
/// full disk are checked by bench/faults/unwritable-data-directory.sh on real (tmpfs) mounts.
/// </summary>
public sealed class UnwritableDataDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-unwritable-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("build")]
    [InlineData("migrate")]
    [InlineData("score")]
    public async Task ACommandWhoseDataDirectoryCannotBeWritten_StopsWithOneLineNamingIt(string command)
    {
        Directory.CreateDirectory(_directory);
        var notADirectory = Path.Combine(_directory, "data");
        await File.WriteAllTextAsync(notADirectory, "a file where the data directory should be");

        var (exitCode, output, error) = await CliRunner.RunAsync(command, "--data-directory", notADirectory);

        Assert.Equal((1, ""), (exitCode, output));
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"Cannot write {notADirectory}: ", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
