namespace Phm.Api.Loading;

/// <summary>Shapes the rows of one batch query into one result per key.</summary>
public static class BatchResults
{
    /// <summary>Groups <paramref name="items"/> by key, keeping their order, with an empty list for every key that has none.</summary>
    public static IReadOnlyDictionary<TKey, IReadOnlyList<TItem>> ToListsByKey<TKey, TItem>(
        this IEnumerable<TItem> items, IEnumerable<TKey> keys, Func<TItem, TKey> keyOf)
        where TKey : notnull =>
        items.ToListsByKey(keys, keyOf, item => item);

    /// <inheritdoc cref="ToListsByKey{TKey, TItem}"/>
    public static IReadOnlyDictionary<TKey, IReadOnlyList<TValue>> ToListsByKey<TKey, TItem, TValue>(
        this IEnumerable<TItem> items, IEnumerable<TKey> keys, Func<TItem, TKey> keyOf, Func<TItem, TValue> valueOf)
        where TKey : notnull
    {
        var lookup = items.ToLookup(keyOf, valueOf);
        return keys.ToDictionary(key => key, key => (IReadOnlyList<TValue>)[.. lookup[key]]);
    }
}
