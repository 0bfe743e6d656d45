using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Scoring;

/// <summary>Where ml-models/ is: a configured folder must hold a models.json; without one, the repository's or the copy beside the binaries.</summary>
public sealed class ModelsDirectoryTests
{
    [Fact]
    public void AConfiguredFolder_WithAModelsFile_IsUsed()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "models.json"), "{}");

        Assert.Equal(folder.Path, ModelsDirectory.Resolve(folder.Path));
    }

    [Fact]
    public void AConfiguredFolder_WithoutAModelsFile_IsRefused_NamingTheKey()
    {
        using var folder = new TemporaryFolder();

        var refused = Assert.Throws<DirectoryNotFoundException>(() => ModelsDirectory.Resolve(folder.Path));

        Assert.Equal($"Phm:Risk:ModelsDirectory is {folder.Path}, which holds no models.json.", refused.Message);
    }

    [Fact]
    public async Task WithoutConfiguration_AFolderWithTheCommittedModelsIsFound()
    {
        var found = ModelsDirectory.Resolve(null);

        var definitions = await new RiskModelCatalog(found).DefinitionsAsync();
        Assert.All(definitions, d => Assert.True(File.Exists(Path.Combine(found, d.RelativeDirectory, "model.zip")), d.RelativeDirectory));
        Assert.NotEmpty(definitions);
    }
}
