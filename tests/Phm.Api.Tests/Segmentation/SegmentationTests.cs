using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Segmentation;
using Phm.Data.Segmentation;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Segmentation;

/// <summary>
/// The segments of <see cref="SampleData"/>'s six living patients at 1 January 2021, with exact counts: Dan is on the end-of-life
/// register (and on three registers), Ann on three registers (hypertension, diabetes, COPD), Cat, Eve and Fin on one or two, and
/// Bob on none (his asthma was resolved). Gus died before the day and is in no segment.
/// </summary>
public sealed class SegmentationTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    private const string Segmentation = """
        query($by: [SegmentationDimension!], $pcn: String) {
          segmentation(by: $by, pcn: $pcn) {
            groups { ageBand sex nationalQuintile localQuintile pcn { code } practice { code } patients suppression }
            cells { segment ageBand sex nationalQuintile localQuintile pcn { code } practice { code } patients ratePerThousand suppression }
          }
        }
        """;

    private static readonly string[] ByPcn = ["PCN"];
    private static readonly string[] ByEveryPatientAttribute = ["AGE_BAND", "SEX", "NATIONAL_QUINTILE", "LOCAL_QUINTILE", "PRACTICE"];

    [Fact]
    public async Task Segmentation_OfEveryone_PlacesEachLivingPatientInOneSegment_WithRatesPerThousand()
    {
        var response = await fixture.Host.ExecuteAsync(Segmentation, new { by = Array.Empty<string>() });

        var segmentation = response.Data.GetProperty("segmentation");
        Assert.Equal([6], segmentation.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("patients").GetInt32()));
        Assert.Equal(
            [("HEALTHY", 1, 166.7), ("MATERNAL_AND_INFANT_HEALTH", 0, 0), ("ACUTELY_ILL", 0, 0), ("CHRONIC_CONDITIONS_LOW_COMPLEXITY", 3, 500),
                ("CHRONIC_CONDITIONS_HIGH_COMPLEXITY", 1, 166.7), ("DISABILITY", 0, 0), ("FRAILTY_AND_DEMENTIA", 0, 0), ("INCURABLE_CANCER_AND_END_OF_LIFE", 1, 166.7)],
            Cells(segmentation).Select(c => (c.GetProperty("segment").GetString(), c.GetProperty("patients").GetInt32(), c.GetProperty("ratePerThousand").GetDouble())));
        Assert.All(Cells(segmentation), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("suppression").ValueKind));
    }

    [Fact]
    public async Task Segmentation_ByPcn_GivesEachPcnsSegments_AndAPracticeInNoPcnAGroupOfItsOwn()
    {
        var response = await fixture.Host.ExecuteAsync(Segmentation, new { by = ByPcn });

        var segmentation = response.Data.GetProperty("segmentation");
        // North (Alpha): Ann and Bob; Central (Beta): Cat, Dan and Fin; Gamma left Central the day before and holds Eve.
        Assert.Equal([(North, 2), (Central, 3), ((string?)null, 1)],
            segmentation.GetProperty("groups").EnumerateArray().Select(g => (PcnOf(g), g.GetProperty("patients").GetInt32())));
        Assert.Equal(
            [(North, "CHRONIC_CONDITIONS_HIGH_COMPLEXITY", 1, 500.0), (North, "HEALTHY", 1, 500.0),
                (Central, "CHRONIC_CONDITIONS_LOW_COMPLEXITY", 2, 666.7), (Central, "INCURABLE_CANCER_AND_END_OF_LIFE", 1, 333.3),
                (null, "CHRONIC_CONDITIONS_LOW_COMPLEXITY", 1, 1000.0)],
            Cells(segmentation).Where(c => c.GetProperty("patients").GetInt32() > 0)
                .Select(c => (PcnOf(c), c.GetProperty("segment").GetString(), c.GetProperty("patients").GetInt32(), c.GetProperty("ratePerThousand").GetDouble()))
                .OrderBy(c => c.Item1 is null).ThenBy(c => c.Item1 == Central).ThenBy(c => c.Item2, StringComparer.Ordinal));
        Assert.Equal(3 * 8, Cells(segmentation).Count());
    }

    [Fact]
    public async Task Segmentation_ByAgeBandSexAndQuintiles_CrossesEveryDimension_InOneStatementForTheCells()
    {
        // The first request reads the reference data that later requests find in memory.
        await fixture.Host.ExecuteAsync("{ practices { code } }");
        fixture.Host.Commands.Reset();

        var response = await fixture.Host.ExecuteAsync(Segmentation, new { by = ByEveryPatientAttribute });

        var groups = response.Data.GetProperty("segmentation").GetProperty("groups").EnumerateArray().ToList();
        // Every living patient is a group of their own here, in the order of age band, sex, quintiles and practice.
        Assert.Equal(
            [("AGE_0_TO_17", "FEMALE", 5, (int?)5, Beta), ("AGE_18_TO_44", "MALE", 1, 1, Beta), ("AGE_18_TO_44", "MALE", 2, 3, Alpha),
                ("AGE_45_TO_64", "FEMALE", 1, 1, Alpha), ("AGE_45_TO_64", "FEMALE", 1, 1, Gamma), ("AGE_75_TO_84", "MALE", 4, null, Beta)],
            groups.Select(g => (g.GetProperty("ageBand").GetString(), g.GetProperty("sex").GetString(), g.GetProperty("nationalQuintile").GetInt32(),
                g.GetProperty("localQuintile").ValueKind == JsonValueKind.Null ? (int?)null : g.GetProperty("localQuintile").GetInt32(),
                g.GetProperty("practice").GetProperty("code").GetString())));
        Assert.All(groups, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("pcn").ValueKind));
        // The cells' GROUP BY, the practices' names and the LSOAs.
        Assert.Equal(3, fixture.Host.Commands.DataCommands.Count);
    }

    [Fact]
    public async Task Segmentation_ForAnAnalyst_ShowsEachCellAndTotal_AsTheOneDisclosureRuleShowsThatTable()
    {
        await using var db = fixture.OpenContext();
        var members = (await db.PatientSegments.Select(s => new { s.PatientId, s.Segment }).ToListAsync()).ToLookup(s => (int)s.Segment, s => s.PatientId);
        // The table's cells by segment number; 0 is the total.
        var segments = Enum.GetValues<BridgesToHealthSegment>().Select(s => (int)s).ToList();
        var exact = segments.ToDictionary(s => s, s => CellCount.Of([.. members[s]]));
        exact[0] = CellCount.Of([.. members.SelectMany(m => m)]);
        var expected = DisclosedCount.Protect(exact, [new Margin<int>(0, segments)], DisclosureControl.SmallNumberSuppression);

        var table = await SegmentationTable.BuildAsync(db, [], null, new DateOnly(2021, 1, 1), DisclosureControl.SmallNumberSuppression, CancellationToken.None);

        Assert.Equal(expected[0], Assert.Single(table.Groups).Patients);
        Assert.Equal(segments.Select(s => expected[s]), table.Cells.Select(c => c.Patients));
        Assert.Contains(table.Cells, c => c.Patients.Suppression == SuppressionReason.SmallCount);
    }

    private static JsonElement.ArrayEnumerator Cells(JsonElement segmentation) => segmentation.GetProperty("cells").EnumerateArray();

    private static string? PcnOf(JsonElement groupOrCell) =>
        groupOrCell.GetProperty("pcn").ValueKind == JsonValueKind.Null ? null : groupOrCell.GetProperty("pcn").GetProperty("code").GetString();
}
