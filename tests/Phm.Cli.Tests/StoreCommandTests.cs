using Microsoft.Data.Sqlite;

namespace Phm.Cli.Tests;

public sealed class StoreCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Help_ListsTheCommandsAndSharedOptions()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Snapshot.Match(output);
    }

    [Fact]
    public async Task Migrate_CreatesTheSchema_AndASecondRunHasNothingToDo()
    {
        var first = await CliRunner.RunAsync("migrate", "--data-directory", _directory);
        var second = await CliRunner.RunAsync("migrate", "--data-directory", _directory);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Matches(@"^Applied 24 migration\(s\): \d+_InitialCreate, \d+_AddAuditEvents, \d+_AddIngestQuarantine, \d+_AddPrescriptionsAndProcedures, \d+_AddDeprivationCoveringIndex, \d+_IngestRecordIdentity, \d+_RegistersFromQofClusters, \d+_AddGeneratorTruth, \d+_AddRiskScores, \d+_AddActivityPrimaryDiagnosis, \d+_AddRiskTierIndex, \d+_AddCohorts, \d+_AddRegistersHeldAndActivityWindowIndex, \d+_AddPatientPracticePseudonymIndex, \d+_RiskScoresCoveringForDistribution, \d+_AddPatientSegments, \d+_PartitionRiskScoresByModel, \d+_AddKeptCells, \d+_CoverPatientPagesLsoa, \d+_PartitionsIndexScoresWithoutModel, \d+_KeepActivityHistories, \d+_KeepBedDaysInActivityHistories, \d+_KeyRiskScoresByPatient, \d+_PartitionsIndexTiersAboveLow\.", first.Output);
        Assert.Equal("The schema is up to date.", second.Output.Trim());
        Assert.True(File.Exists(Path.Combine(_directory, "phm.db")));
    }

    [Fact]
    public async Task AnUnknownProvider_IsRefused_NamingTheOption()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("migrate", "--provider", "Oracle");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--provider", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
