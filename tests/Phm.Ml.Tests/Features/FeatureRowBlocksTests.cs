using Phm.Ml.Features;

namespace Phm.Ml.Tests.Features;

public class FeatureRowBlocksTests
{
    [Fact]
    public void Rows_are_zeroed_of_the_slots_asked_for_and_each_its_own_across_blocks()
    {
        const int slots = 7;
        var blocks = new FeatureRowBlocks(slots);
        // Enough rows for several blocks, so that rows either side of a block's end are among them.
        var rows = Enumerable.Range(0, 10_000).Select(_ => blocks.Next()).ToList();

        Assert.All(rows, row => Assert.Equal(slots, row.Count));
        Assert.All(rows, row => Assert.All(row, value => Assert.Equal(0, value)));
        for (var i = 0; i < rows.Count; i++)
            rows[i].AsSpan().Fill(i);
        for (var i = 0; i < rows.Count; i++)
            Assert.All(rows[i], value => Assert.Equal(i, value));
        Assert.True(rows.Select(row => row.Array).Distinct().Count() > 1, "10,000 rows of 7 slots fill more than one block.");
    }
}
