namespace Phm.Data.Store;

public static class StoredTime
{
    /// <summary>Now in whole milliseconds: PostgreSQL keeps microseconds, so finer ticks would not read back equal.</summary>
    public static DateTimeOffset GetUtcNowInMilliseconds(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
