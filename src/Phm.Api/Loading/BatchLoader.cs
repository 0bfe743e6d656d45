using GraphQL.DataLoader;

namespace Phm.Api.Loading;

/// <summary>
/// Collects the keys asked for while one level of the query executes and loads them together, with one query per batch,
/// when the first result is awaited. Results are kept for the rest of the request, so a key is loaded at most once.
/// Register loaders as scoped services: one instance per request.
/// </summary>
/// <typeparam name="TKey">What a resolver asks by, e.g. a practice code.</typeparam>
/// <typeparam name="TValue">What it gets back; a key the batch did not find resolves to <c>null</c>.</typeparam>
public abstract class BatchLoader<TKey, TValue> where TKey : notnull
{
    private readonly Lock _sync = new();
    private readonly Dictionary<TKey, IDataLoaderResult<TValue?>> _results = [];
    private Batch? _pending;

    /// <summary>Queues <paramref name="key"/> in the pending batch, or returns the result already loaded or queued for it.</summary>
    public IDataLoaderResult<TValue?> LoadAsync(TKey key)
    {
        lock (_sync)
        {
            if (_results.TryGetValue(key, out var known))
                return known;

            _pending ??= new Batch(this);
            _pending.Keys.Add(key);
            var result = new Result(_pending, key);
            _results.Add(key, result);
            return result;
        }
    }

    /// <summary>
    /// Records <paramref name="value"/> as the result for <paramref name="key"/>, read along with something else (a page with its
    /// records joined), so that asking for the key loads nothing; a key already loaded or queued keeps its result.
    /// </summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_sync)
            _results.TryAdd(key, new KnownResult<TValue?>(value));
    }

    /// <summary>Loads the values of a whole batch; keys without a value may be left out.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    private Task<IReadOnlyDictionary<TKey, TValue>> Dispatch(Batch batch, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            // Keys asked for from now on (by the next level of the query) start a new batch.
            if (_pending == batch)
                _pending = null;
            return batch.Loading ??= FetchAsync(batch.Keys, cancellationToken);
        }
    }

    private sealed class Batch(BatchLoader<TKey, TValue> loader)
    {
        public HashSet<TKey> Keys { get; } = [];

        public Task<IReadOnlyDictionary<TKey, TValue>>? Loading { get; set; }

        public Task<IReadOnlyDictionary<TKey, TValue>> LoadAsync(CancellationToken cancellationToken) => loader.Dispatch(this, cancellationToken);
    }

    private sealed class Result(Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await batch.LoadAsync(cancellationToken);
            return values.GetValueOrDefault(key);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
