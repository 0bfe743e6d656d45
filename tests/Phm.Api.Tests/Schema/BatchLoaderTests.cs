using Phm.Api.Loading;

namespace Phm.Api.Tests;

public sealed class BatchLoaderTests
{
    [Fact]
    public async Task Keys_AskedBeforeTheFirstResultIsAwaited_AreFetchedInOneBatch()
    {
        var loader = new SquaresLoader();

        var results = new[] { loader.LoadAsync(2), loader.LoadAsync(3), loader.LoadAsync(2) };
        var values = await Task.WhenAll(results.Select(r => r.GetResultAsync()));

        Assert.Equal([4, 9, 4], values);
        Assert.Equal([[2, 3]], loader.Batches);
    }

    [Fact]
    public async Task Keys_AskedAfterABatchWasFetched_StartANewBatchWithoutTheKnownOnes()
    {
        var loader = new SquaresLoader();
        await loader.LoadAsync(2).GetResultAsync();

        var values = await Task.WhenAll(loader.LoadAsync(2).GetResultAsync(), loader.LoadAsync(5).GetResultAsync());

        Assert.Equal([4, 25], values);
        Assert.Equal([[2], [5]], loader.Batches);
    }

    [Fact]
    public async Task Key_TheBatchDidNotFind_ResolvesToNull()
    {
        var loader = new SquaresLoader();

        Assert.Null(await loader.LoadAsync(-1).GetResultAsync());
    }

    /// <summary>Squares of positive numbers; records the keys of each batch.</summary>
    private sealed class SquaresLoader : BatchLoader<int, int?>
    {
        public List<int[]> Batches { get; } = [];

        protected override Task<IReadOnlyDictionary<int, int?>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
        {
            Batches.Add([.. keys]);
            return Task.FromResult<IReadOnlyDictionary<int, int?>>(keys.Where(k => k > 0).ToDictionary(k => k, k => (int?)(k * k)));
        }
    }
}
