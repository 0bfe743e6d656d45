using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Phm.Ml.Features;

/// <summary>
/// Reads a query on a thread of its own, batches ahead of its consumer, so that the database works on one core while the
/// merge (and the other queries) use the other: the activity pass is about as long as all the rest together.
/// </summary>
internal static class Prefetch
{
    private const int BatchSize = 8192;

    /// <summary>
    /// Starts reading <paramref name="source"/> now; the result yields its items in order and rethrows its failure. The
    /// source is read synchronously (a long-running thread): EF Core's async enumeration costs more per row and gains nothing here.
    /// </summary>
    public static IAsyncEnumerable<T> Ahead<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(() =>
        {
            try
            {
                var batch = new List<T>(BatchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        Write(batch);
                        batch = new List<T>(BatchSize);
                    }
                }
                Write(batch);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.TryComplete(e);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return ReadAsync(batches.Reader, stop, reading, cancellationToken);

        void Write(List<T> batch)
        {
            // The bounded channel holds the reader back when the consumer is slower; blocking is what this thread is for.
            var write = batches.Writer.WriteAsync(batch, stop.Token);
            if (!write.IsCompletedSuccessfully)
                write.AsTask().GetAwaiter().GetResult();
        }
    }

    private static async IAsyncEnumerable<T> ReadAsync<T>(ChannelReader<List<T>> batches, CancellationTokenSource stop, Task reading,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var batch in batches.ReadAllAsync(cancellationToken))
            {
                foreach (var item in batch)
                    yield return item;
            }
        }
        finally
        {
            // A consumer that stops early (or fails) stops the reader and waits for it to let go of its connection.
            await stop.CancelAsync();
            await reading;
            stop.Dispose();
        }
    }
}
