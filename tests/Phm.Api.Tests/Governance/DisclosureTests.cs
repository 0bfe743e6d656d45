using System.Text.Json;
using Phm.Api.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>The disclosure rule: primary suppression, cell-key perturbation and rounding, secondary suppression, and what analysts get over HTTP.</summary>
[Collection(HubCollection.Name)]
public sealed class DisclosureTests(PhmApiFactory hub)
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(7, null)]
    [InlineData(8, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    [InlineData(2998, 3000)]
    public void Count_OfAWholeStoreTotal_HidesOneToSevenAndRoundsTheRestToFive(int patients, int? shown) =>
        Assert.Equal(shown, Disclosure.Count(patients, DisclosureControl.SmallNumberSuppression));

    [Fact]
    public void Count_OfACell_ShowsZero_SuppressesOneToSeven_AndPerturbsAndRoundsTheRestToWithinFour()
    {
        for (var count = 0; count <= 300; count++)
            for (var key = 0; key < Disclosure.RecordKeys; key++)
            {
                var shown = Disclosure.Count(new CellCount(count, key), DisclosureControl.SmallNumberSuppression);
                if (count == 0)
                    Assert.Equal(new ShownCount(0, null), shown);
                else if (count <= 7)
                    Assert.Equal(ShownCount.Suppressed(SuppressionReason.SmallCount), shown);
                else
                {
                    Assert.Equal(0, shown.Count!.Value % 5);
                    Assert.InRange(shown.Count.Value, Math.Max(10, count - 4), count + 4);
                }
            }
    }

    [Fact]
    public void CellKeyPerturbation_ForEveryCount_GivesEachNoiseToAFixedShareOfTheKeys()
    {
        for (var count = 1; count <= 1000; count++)
        {
            var noise = Enumerable.Range(0, Disclosure.RecordKeys).Select(key => CellKeyPerturbation.Of(count, key)).CountBy(n => n).OrderBy(n => n.Key);
            Assert.Equal([new(-2, 26), new(-1, 51), new(0, 102), new(1, 51), new(2, 26)], noise);
        }
    }

    [Fact]
    public void Count_OfTheSameMembers_IsAlwaysTheSame_ButOneMemberMoreChangesTheNoise()
    {
        var cell = new CellCount(40, 12_345);

        Assert.Equal(Disclosure.Perturbed(cell), Disclosure.Perturbed(cell with { }));
        var withOneMore = Enumerable.Range(0, Disclosure.RecordKeys).Select(key => Disclosure.Perturbed(cell + new CellCount(1, key)) - 41).Distinct();
        Assert.Equal([-2, -1, 0, 1, 2], withOneMore.Order());
    }

    [Fact]
    public void Protect_AGroupWithOneSmallCell_SuppressesTheNextSmallestCellToo()
    {
        var cells = Cells(("total", 60), ("a", 5), ("b", 9), ("c", 20), ("d", 26));

        var shown = Disclosure.Protect(cells, [new Margin<string>("total", ["a", "b", "c", "d"])], DisclosureControl.SmallNumberSuppression);

        Assert.Equal(SuppressionReason.SmallCount, shown["a"].Suppression);
        Assert.Equal(SuppressionReason.Secondary, shown["b"].Suppression);
        Assert.All(["total", "c", "d"], cell => Assert.NotNull(shown[cell].Count));
    }

    [Fact]
    public void Protect_AGroupWithTwoSmallCells_NeedsNoMore()
    {
        var cells = Cells(("total", 60), ("a", 5), ("b", 3), ("c", 30), ("d", 22));

        var shown = Disclosure.Protect(cells, [new Margin<string>("total", ["a", "b", "c", "d"])], DisclosureControl.SmallNumberSuppression);

        Assert.Equal(["a", "b"], shown.Where(c => c.Value.Count is null).Select(c => c.Key).Order());
    }

    [Fact]
    public void Protect_ATableWithRowAndColumnTotals_SuppressesUntilNoTotalHasExactlyOneSuppressedPart()
    {
        // Rows A and B, columns X and Y, and the totals of each.
        var cells = Cells(("AX", 3), ("AY", 20), ("BX", 30), ("BY", 40), ("A", 23), ("B", 70), ("X", 33), ("Y", 60));
        Margin<string>[] margins = [new("A", ["AX", "AY"]), new("B", ["BX", "BY"]), new("X", ["AX", "BX"]), new("Y", ["AY", "BY"])];

        var shown = Disclosure.Protect(cells, margins, DisclosureControl.SmallNumberSuppression);

        Assert.Equal(SuppressionReason.SmallCount, shown["AX"].Suppression);
        Assert.All(["AY", "BX", "BY"], c => Assert.Equal(SuppressionReason.Secondary, shown[c].Suppression));
        Assert.All(margins, m => Assert.NotEqual(1, m.Parts.Prepend(m.Total).Count(c => shown[c].Count is null)));
    }

    [Fact]
    public void Protect_UnderExactControl_ShowsEveryCellAsItIs()
    {
        var cells = Cells(("total", 60), ("a", 5), ("b", 55));

        var shown = Disclosure.Protect(cells, [new Margin<string>("total", ["a", "b"])], DisclosureControl.Exact);

        Assert.Equal([5, 55, 60], shown.OrderBy(c => c.Key).Select(c => c.Value.Count!.Value).Order());
    }

    [Fact]
    public void Percentage_OfASuppressedCountOrTotal_IsSuppressed()
    {
        Assert.Null(Disclosure.Percentage(null, 100));
        Assert.Null(Disclosure.Percentage(10, null));
        Assert.Equal(33.3, Disclosure.Percentage(10, 30));
    }

    [Fact]
    public async Task DeprivationProfile_ForAnAnalyst_ShowsEachCountNearTheExactOne_AndSaysWhyEachNullIsNull()
    {
        const string query = "{ deprivationProfile(groupBy: PRACTICE) { patients suppression byNationalQuintile { patients suppression } byLocalQuintile { patients suppression } outsideLocalAuthority { patients suppression } } }";
        var exact = Counts((await hub.AsAdmin().PostGraphQLAsync(query)).Json);
        var shown = Counts((await hub.AsAnalyst().PostGraphQLAsync(query)).Json);

        Assert.Equal(exact.Count, shown.Count);
        Assert.All(exact.Zip(shown), pair =>
        {
            var ((count, _), (shownCount, reason)) = pair;
            Assert.Equal(shownCount is null, reason is not null);
            if (count!.Value is >= 1 and <= 7)
                Assert.Equal("SMALL_COUNT", reason);
            else if (count.Value == 0)
                Assert.Equal(0, shownCount);
            else if (shownCount is { } value)
                Assert.InRange(value, count.Value - 4, count.Value + 4);
            else
                Assert.Equal("SECONDARY", reason);
        });
        Assert.Contains(shown, c => c.Reason == "SECONDARY");
    }

    private static Dictionary<string, CellCount> Cells(params (string Name, int Count)[] cells) =>
        cells.Select((c, i) => (c.Name, Cell: new CellCount(c.Count, 37L * i))).ToDictionary(c => c.Name, c => c.Cell);

    /// <summary>Every count in the profile with its suppression reason, in document order.</summary>
    private static List<(int? Count, string? Reason)> Counts(JsonElement response) =>
    [
        .. response.GetProperty("data").GetProperty("deprivationProfile").EnumerateArray().SelectMany(g => new[] { g }
            .Concat(g.GetProperty("byNationalQuintile").EnumerateArray())
            .Concat(g.GetProperty("byLocalQuintile").EnumerateArray())
            .Append(g.GetProperty("outsideLocalAuthority")))
            .Select(DisclosureAttacker.Shown),
    ];
}
