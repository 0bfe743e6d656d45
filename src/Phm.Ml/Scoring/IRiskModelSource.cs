namespace Phm.Ml.Scoring;

/// <summary>
/// The risk models the hub serves now, one version per model name: what <see cref="RiskScoring"/> keeps the stored scores
/// current with. The model catalog (<c>ml-models/</c>) is one; <see cref="RegisteredRiskModels"/> serves models registered as services.
/// </summary>
public interface IRiskModelSource
{
    Task<IReadOnlyList<IRiskModel>> CurrentModelsAsync(CancellationToken cancellationToken);
}

/// <summary>The <see cref="IRiskModel"/>s registered in the service container, as they were registered.</summary>
public sealed class RegisteredRiskModels(IEnumerable<IRiskModel> models) : IRiskModelSource
{
    private readonly IReadOnlyList<IRiskModel> _models = [.. models];

    public Task<IReadOnlyList<IRiskModel>> CurrentModelsAsync(CancellationToken cancellationToken) => Task.FromResult(_models);
}
