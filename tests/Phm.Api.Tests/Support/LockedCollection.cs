using System.Collections;

namespace Phm.Api.Tests.Support;

/// <summary>
/// A collection that exporters may add to from any thread while a test reads it: OpenTelemetry's in-memory exporters add each
/// span as it ends, and the hub's background work (the audit writer's flush, the store check) ends spans of its own while the
/// test enumerates. Enumerating reads a copy taken under the lock.
/// </summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
                return _items.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (_items)
            _items.Add(item);
    }

    public void Clear()
    {
        lock (_items)
            _items.Clear();
    }

    public bool Contains(T item)
    {
        lock (_items)
            return _items.Contains(item);
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items)
            _items.CopyTo(array, arrayIndex);
    }

    public bool Remove(T item)
    {
        lock (_items)
            return _items.Remove(item);
    }

    public IEnumerator<T> GetEnumerator()
    {
        T[] copy;
        lock (_items)
            copy = [.. _items];
        return ((IEnumerable<T>)copy).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
