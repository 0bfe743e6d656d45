using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Phm.Ml.Features;

/// <summary>
/// Reads a query on a thread of its own, a batch ahead of its consumer, so that the database works on one core while the
/// merge (and the other queries) use the other: the activity pass is as long as all the rest together.
/// </summary>
internal static class Prefetch
{
    private const int BatchSize = 8192;

    /// <summary>Starts reading <paramref name="source"/> now; the result yields its items in order and rethrows its failure.</summary>
    public static IAsyncEnumerable<T> Ahead<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new List<T>(BatchSize);
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<T>(BatchSize);
                    }
                }
                await batches.Writer.WriteAsync(batch, stop.Token);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        return ReadAsync(batches.Reader, stop, reading, cancellationToken);
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
