using System.Text.Json.Nodes;
using Phm.Web.CohortBuilder;

namespace Phm.Web.Tests.CohortBuilder;

public sealed class CriteriaNodeTests
{
    private static readonly BuilderPlaces Places = new(
        [KeyValuePair.Create("U97340", "BITTERNE PCN (U97340)")], [KeyValuePair.Create("J82040", "WEST END ROAD SURGERY (J82040)")], [KeyValuePair.Create("E01017139", "Southampton 001A (E01017139)")]);

    [Fact]
    public void ATree_IsWrittenAsTheHubsCriteriaInput_WithOnlyTheFieldsSet()
    {
        var tree = new CriteriaGroup(any: false)
        {
            Children =
            [
                new Predicate(PredicateKind.Register) { Value = "HEART_FAILURE" },
                new Predicate(PredicateKind.Activity) { Value = "AE_ATTENDANCE", AtLeast = 5, Window = new() { LastMonths = 12 } },
                new NotCriterion { Inner = new Predicate(PredicateKind.CareFlag) { Value = "END_OF_LIFE_REGISTER" } },
                new CriteriaGroup(any: true)
                {
                    Children =
                    [
                        new Predicate(PredicateKind.Risk) { Choices = ["VERY_HIGH", "HIGH"] },
                        new Predicate(PredicateKind.NationalQuintiles) { Choices = ["2", "1"] },
                        new Predicate(PredicateKind.BedDays) { AtLeast = 10, Window = new() { Between = true, From = "2020-01-01" } },
                    ],
                },
            ],
        };

        Assert.Equal(
            """{"all":[{"register":{"register":"HEART_FAILURE"}},{"activity":{"kind":"AE_ATTENDANCE","window":{"lastMonths":12},"count":{"atLeast":5}}},""" +
            """{"not":{"careFlag":{"kind":"END_OF_LIFE_REGISTER","present":true}}},{"any":[{"risk":{"model":"emergency-admission-12m","tiers":["HIGH","VERY_HIGH"]}},""" +
            """{"nationalQuintiles":[1,2]},{"bedDays":{"window":{"from":"2020-01-01"},"days":{"atLeast":10}}}]}]}""",
            tree.ToInput().ToJsonString());
    }

    [Theory]
    [InlineData("""{"all":[{"register":{"register":"HEART_FAILURE"}},{"activity":{"kind":"AE_ATTENDANCE","window":{"lastMonths":12},"count":{"atLeast":5}}}]}""")]
    [InlineData("""{"any":[{"register":{"register":"ASTHMA","onset":{"from":"2020-01-01","to":"2020-12-31"}}},{"registerCount":{"atLeast":2,"atMost":4}},{"not":{"sex":"MALE"}}]}""")]
    [InlineData("""{"all":[{"risk":{"model":"death-12m","tiers":["HIGH","VERY_HIGH"],"minPercentile":95}},{"impactability":"TOP_RISK_WITHOUT_CARE_PLAN"},{"localQuintiles":[1,5]},{"daysSinceLastEmergencyAdmission":{"atMost":90}}]}""")]
    [InlineData("""{"all":[{"practice":"J82001"},{"pcn":"U97340"},{"lsoa":"E01017139"},{"ethnicGroups":["ASIAN","BLACK"]},{"alive":false}]}""")]
    [InlineData("""{"any":[{"risk":{"model":"emergency-admission-12m","maxPercentile":50}},{"not":{"all":[{"alive":true},{"risk":{"model":"death-12m","minPercentile":90,"maxPercentile":99.5}}]}}]}""")]
    public void StoredCriteria_ReadBackAsATree_AreWrittenAsTheyWere(string criteria)
    {
        var tree = CriteriaNode.FromStoredJson($$"""{"version":1,"criteria":{{criteria}}}""");

        Assert.Equal(criteria, tree.ToInput().ToJsonString());
    }

    [Fact]
    public void CriteriaWithoutAForm_AreKeptAsTheyWere_InsideAnEditableGroup()
    {
        var tree = CriteriaNode.FromStoredJson("""{"version":1,"criteria":{"aNewerHubsField":{"x":1}}}""");

        var kept = Assert.IsType<FixedCriterion>(Assert.Single(tree.Children));
        Assert.Equal("""{"aNewerHubsField":{"x":1}}""", kept.Json);
        Assert.Equal("""{"all":[{"aNewerHubsField":{"x":1}}]}""", tree.ToInput().ToJsonString());
    }

    [Fact]
    public void EveryKindOfPredicate_StartsWithAnExampleTheHubAccepts_AndReadsBackAsItself()
    {
        foreach (var kind in Enum.GetValues<PredicateKind>())
        {
            var written = Predicate.WithDefaults(kind, Places).ToInput();
            var read = CriteriaNode.FromInput((JsonObject)written.DeepClone());

            Assert.Equal(kind, Assert.IsType<Predicate>(read).Kind);
            Assert.DoesNotContain("null", written.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(written.ToJsonString(), read.ToInput().ToJsonString());
        }
    }
}
