using System.Collections.Concurrent;
using Phm.Ml.Outcomes;

namespace Phm.Ml.Scoring;

/// <summary>
/// The models of <c>ml-models/models.json</c>, each at its current version, loaded once per version and kept: asking
/// again returns the same instance. A version whose files are missing or whose features do not fit is refused
/// (<see cref="RiskModelRefusedException"/>), and asked again, refused again, never scored.
/// </summary>
public sealed class RiskModelCatalog(string modelsDirectory) : IRiskModelSource
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RiskModel>>> _loaded = new(StringComparer.Ordinal);
    private readonly Lazy<Task<IReadOnlyList<ModelDefinition>>> _definitions =
        new(() => ModelsFile.ReadAsync(Path.Combine(modelsDirectory, ModelsFile.FileName), CancellationToken.None));

    public string ModelsDirectory { get; } = modelsDirectory;

    public Task<IReadOnlyList<ModelDefinition>> DefinitionsAsync() => _definitions.Value;

    /// <summary>Every model at its current version.</summary>
    public async Task<IReadOnlyList<IRiskModel>> CurrentAsync(CancellationToken cancellationToken)
    {
        var models = new List<IRiskModel>();
        foreach (var definition in await DefinitionsAsync())
            models.Add(await LoadAsync(definition, cancellationToken));
        return models;
    }

    Task<IReadOnlyList<IRiskModel>> IRiskModelSource.CurrentModelsAsync(CancellationToken cancellationToken) => CurrentAsync(cancellationToken);

    /// <summary>A model by name, at its current version; null when models.json does not list it.</summary>
    public async Task<IRiskModel?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await DefinitionsAsync()).FirstOrDefault(d => d.Name == name) is { } definition ? await LoadAsync(definition, cancellationToken) : null;

    private async Task<RiskModel> LoadAsync(ModelDefinition definition, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(ModelsDirectory, definition.RelativeDirectory);
        var model = await _loaded.GetOrAdd(directory, _ => new Lazy<Task<RiskModel>>(() => RiskModel.LoadAsync(directory, CancellationToken.None))).Value
            .WaitAsync(cancellationToken);
        if (model.Info.Name != definition.Name || model.Info.Version != definition.Version)
            throw new RiskModelRefusedException(directory, $"its metrics.json is of {model.Info.Name} {model.Info.Version}, not {definition.Name} {definition.Version}");
        return model;
    }
}
