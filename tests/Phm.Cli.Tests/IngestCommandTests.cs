using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

namespace Phm.Cli.Tests;

public sealed class IngestCommandTests : IDisposable
{
    private const string NhsNumber = "9991111115";
    private const string GroupedNhsNumber = "999 000 0018";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-ingest-" + Guid.NewGuid().ToString("N"));

    private string Extract => Path.Combine(_directory, "extract");

    [Fact]
    public async Task IngestCsv_PrintsTheSummary_AndNeverAnIdentifier_AndASecondRunAddsNothing()
    {
        await BuildSmallStoreAsync();
        Directory.CreateDirectory(Extract);
        File.WriteAllLines(Path.Combine(Extract, "patients.csv"), [
            "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code",
            $"{NhsNumber},1950-03-09,F,A,E01017139,J82001",
            $"{GroupedNhsNumber},1960-04-10,M,,E01017139,J82001",
            "9991111116,1970-05-11,M,,E01017139,J82001"]);
        File.WriteAllLines(Path.Combine(Extract, "activity.csv"), ["nhs_number,kind,date,length_of_stay_days", $"{NhsNumber},ae_attendance,2022-01-01,"]);
        string[] args = ["ingest", "csv", Extract, "--data-directory", _directory, "--key-file", Path.Combine(_directory, "phm.key")];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.StartsWith("Ingest complete: read 4, loaded 3, updated 0, duplicates 0, merged (no record id) 0, quarantined 1, skipped 0.", first.Output);
        Assert.StartsWith("Ingest complete: read 4, loaded 0, updated 0, duplicates 2, merged (no record id) 1, quarantined 1, skipped 0.", second.Output);
        Assert.Contains("batch 1: read 4", first.Error);
        Assert.Contains("(100% of the input)", first.Error);
        var quarantineFile = Directory.GetFiles(Extract, "quarantine-*.csv").First();
        // Close the pooled connections first: SQLite folds the WAL into phm.db, so no file vanishes while it is read
        // (another test's ClearAllPools could otherwise delete phm.db-wal between the listing and the read).
        SqliteConnection.ClearAllPools();
        var databaseFiles = Directory.GetFiles(_directory, "phm.db*").Select(f => File.ReadAllText(f, System.Text.Encoding.Latin1)).ToList();
        foreach (var text in new[] { first.Output, first.Error, second.Output, second.Error, File.ReadAllText(quarantineFile) }.Concat(databaseFiles))
            Assert.All(new[] { NhsNumber, GroupedNhsNumber, "9990000018", "9991111116", "1950-03-09" }, identifier => Assert.DoesNotContain(identifier, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestCsv_TakesTheSourceSystemThatQualifiesRecordIds_AndRefusesABlankOne()
    {
        await BuildSmallStoreAsync();
        Directory.CreateDirectory(Extract);
        File.WriteAllLines(Path.Combine(Extract, "patients.csv"), ["nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", $"{NhsNumber},1950-03-09,F,A,E01017139,J82001"]);
        File.WriteAllLines(Path.Combine(Extract, "activity.csv"), ["record_id,nhs_number,kind,date,length_of_stay_days", $"1,{NhsNumber},ae_attendance,2022-01-01,"]);
        string[] args = ["ingest", "csv", Extract, "--data-directory", _directory, "--key-file", Path.Combine(_directory, "phm.key"), "--source-system"];

        var gp = await CliRunner.RunAsync([.. args, "gp-system"]);
        var community = await CliRunner.RunAsync([.. args, "community-trust"]);
        var blank = await CliRunner.RunAsync([.. args, " "]);

        Assert.StartsWith("Ingest complete: read 2, loaded 2,", gp.Output);
        Assert.StartsWith("Ingest complete: read 2, loaded 1, updated 0, duplicates 1,", community.Output);
        Assert.Equal(1, blank.ExitCode);
        Assert.Contains("--source-system", blank.Error);
    }

    [Fact]
    public async Task IngestBeforeTheStoreIsBuilt_IsRefused_WithTheWayOut()
    {
        Directory.CreateDirectory(Extract);
        File.WriteAllLines(Path.Combine(Extract, "patients.csv"), ["nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code"]);

        var (exitCode, _, error) = await CliRunner.RunAsync("ingest", "csv", Extract, "--data-directory", _directory, "--key-file", Path.Combine(_directory, "phm.key"));

        Assert.Equal(1, exitCode);
        Assert.Contains("build it first (phm build)", error);
    }

    [Fact]
    public async Task IngestWithACorruptKeyFile_IsRefused_NamingTheFile()
    {
        Directory.CreateDirectory(Extract);
        var keyFile = Path.Combine(_directory, "phm.key");
        await File.WriteAllTextAsync(keyFile, "AAAA");

        var (exitCode, output, error) = await CliRunner.RunAsync("ingest", "csv", Extract, "--data-directory", _directory, "--key-file", keyFile);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal($"The pseudonymisation key file {keyFile} has 3 bytes; at least 32 are needed.", error.Trim());
    }

    private async Task BuildSmallStoreAsync()
    {
        var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = _directory, Population = 300 }), TimeProvider.System, NullLogger<PhmStore>.Instance);
        await store.EnsureReadyAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
