using GraphQL.DataLoader;

namespace Phm.Api.Loading;

/// <summary>A loader's result known without loading, such as null for a field whose key is missing.</summary>
public sealed class KnownResult<T>(T value) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
}
