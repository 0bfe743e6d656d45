using Microsoft.Data.Sqlite;

namespace Phm.Data.Store;

/// <summary>
/// A file or folder the hub must write cannot be written (a read-only file system, a full disk, no permission): one line that
/// names the path and the operating system's reason, for an operator to act on, instead of a stack trace.
/// </summary>
public sealed class UnwritablePathException(string path, string reason, Exception inner)
    : Exception($"Cannot write {path}: {reason}.", inner)
{
    public string Path { get; } = path;

    /// <summary>Bytes the probe writes and syncs: a full disk refuses them where creating an empty file would still succeed.</summary>
    private const int ProbeBytes = 64 * 1024;

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and writes, syncs and deletes a small file in it, so that a read-only or full
    /// file system is found before a minute goes on building a store there.
    /// </summary>
    public static void EnsureWritableDirectory(string directory)
    {
        var probe = System.IO.Path.Combine(directory, ".phm-write-check");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.WriteThrough))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush(flushToDisk: true);
            }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            throw new UnwritablePathException(directory, ReasonOf(e), e);
        }
    }

    /// <summary>
    /// <paramref name="exception"/> as an <see cref="UnwritablePathException"/> naming <paramref name="path"/> when it is a failure
    /// to write there (file system or SQLite: read-only, full, cannot open, I/O error); null for anything else.
    /// </summary>
    public static UnwritablePathException? From(Exception exception, string path) => exception switch
    {
        UnwritablePathException already => already,
        IOException or UnauthorizedAccessException => new UnwritablePathException(path, ReasonOf(exception), exception),
        SqliteException { SqliteErrorCode: SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen } sqlite =>
            new UnwritablePathException(path, sqlite.SqliteErrorCode == SqliteFull ? "the disk is full" : ReasonOf(sqlite), exception),
        _ => null,
    };

    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// The innermost message, which is the operating system's ("Read-only file system", "No space left on device"), without
    /// the path .NET appends to it (the error names the path once, itself).
    /// </summary>
    private static string ReasonOf(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
            innermost = inner;
        var message = innermost is SqliteException sqlite ? $"SQLite error {sqlite.SqliteErrorCode}, {sqlite.Message}" : innermost.Message;
        var pathStart = message.IndexOf(" : '", StringComparison.Ordinal);
        return (pathStart > 0 ? message[..pathStart] : message).TrimEnd('.', ' ');
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind on a file system that refused it; it is small and named for what it is.
        }
    }
}
