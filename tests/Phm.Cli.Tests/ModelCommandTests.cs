namespace Phm.Cli.Tests;

/// <summary><c>phm train</c> and <c>phm evaluate</c> refuse what they cannot do before touching the store or a model folder.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("phm-cli-models-").FullName;

    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    public async Task AModelNotInModelsJson_IsRefused_NamingItAndTheFile(string command)
    {
        File.WriteAllText(Path.Combine(_models, "models.json"),
            """{"models": [{"name": "death-12m", "version": "1.0.0", "outcome": {"death": true}, "outcomeWords": "death"}]}""");

        var (exitCode, _, error) = await CliRunner.RunAsync(command, "--model", "no-such-model", "--models-directory", _models);

        Assert.Equal(1, exitCode);
        Assert.Equal($"No model 'no-such-model' in {Path.Combine(_models, "models.json")}.", error.Trim());
    }

    [Fact]
    public async Task AnUnreadableModelsJson_IsRefused_NamingTheEntryAndField()
    {
        File.WriteAllText(Path.Combine(_models, "models.json"),
            """{"models": [{"name": "ae-5", "version": "1.0.0", "outcome": {"activity": "AandE", "atLeast": 5}, "outcomeWords": "5+ A&E attendances"}]}""");

        var (exitCode, _, error) = await CliRunner.RunAsync("train", "--models-directory", _models);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{Path.Combine(_models, "models.json")}: models[0] ('ae-5').outcome.activity 'AandE' is not one of GpAppointment,", error.Trim());
    }

    public void Dispose() => Directory.Delete(_models, recursive: true);
}
