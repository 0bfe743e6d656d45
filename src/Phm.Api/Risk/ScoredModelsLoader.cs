using Microsoft.EntityFrameworkCore;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Risk;

/// <summary>
/// The risk models whose scores the store holds, by name, read once per request: validating every <c>model</c> argument
/// of a document and answering <c>riskModels</c> share one query.
/// </summary>
public sealed class ScoredModelsLoader(PhmDbContext db)
{
    private Task<IReadOnlyList<ScoredModel>>? _models;

    public Task<IReadOnlyList<ScoredModel>> GetAsync(CancellationToken cancellationToken) => _models ??= LoadAsync(cancellationToken);

    /// <summary>Whether this request has asked for them: scores change without a rebuild, so a validation that read them is not kept.</summary>
    public bool HasRead => _models is not null;

    private async Task<IReadOnlyList<ScoredModel>> LoadAsync(CancellationToken cancellationToken) =>
        await db.ScoredModels.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
}
