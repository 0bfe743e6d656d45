using Phm.Data.Cohorts;

namespace Phm.Data.Tests.Cohorts;

public sealed class CohortDefinitionTests
{
    private const string Criteria = """{"version":1,"criteria":{"register":{"register":"HEART_FAILURE"}}}""";

    [Theory]
    [InlineData("High intensity users: heart failure", "high-intensity-users-heart-failure")]
    [InlineData("  Frailty (65+) — Woolston & Townhill ", "frailty-65-woolston-townhill")]
    [InlineData("Dépression", "depression")]
    [InlineData("!!!", "cohort")]
    public void KeyFor_MakesASlugOfTheName(string name, string key) =>
        Assert.Equal(key, CohortDefinition.KeyFor(name, new HashSet<string>()));

    [Fact]
    public void KeyFor_ATakenKey_GetsTheNextFreeNumber() =>
        Assert.Equal("asthma-3", CohortDefinition.KeyFor("Asthma", new HashSet<string> { "asthma", "asthma-2" }));

    [Fact]
    public void KeyFor_ALongName_StaysWithinTheKeyLength_WithRoomForANumber()
    {
        var key = CohortDefinition.KeyFor(new string('a', 300), new HashSet<string> { new string('a', CohortDefinition.MaxKeyLength - 6) });

        Assert.True(key.Length <= CohortDefinition.MaxKeyLength, key);
        Assert.EndsWith("-2", key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, Criteria, "name")]
    [InlineData("   ", null, Criteria, "name")]
    [InlineData("ok", null, """{"version":1,"criteria":{"register":{"register":"GOUT"}}}""", "criteriaJson.criteria.register.register")]
    [InlineData("ok", null, """{"version":2,"criteria":{}}""", "criteriaJson.version")]
    [InlineData("ok", null, """{"version":1}""", "criteriaJson.criteria")]
    [InlineData("ok", null, "not json", "criteriaJson")]
    [InlineData("ok", null, """{"version":1,"criteria":{"all":[{"alive":true},{"any":[]}]}}""", "criteriaJson.criteria.all[1].any")]
    [InlineData("ok", null, """{"version":1,"criteria":{"activity":{"kind":"GP_APPOINTMENT","window":{"from":"2020-02-01","to":"2020-01-01"},"count":{"atLeast":1}}}}""", "criteriaJson.criteria.activity.window")]
    public void Problems_NameTheFieldAndTheReason(string name, string? description, string criteriaJson, string path)
    {
        var problems = new CohortContent(name, description, criteriaJson).Problems();

        Assert.Equal(path, Assert.Single(problems).Path);
        Assert.False(string.IsNullOrWhiteSpace(problems[0].Message));
    }

    [Fact]
    public void Problems_TooLongANameOrDescription_AreEachNamed()
    {
        var problems = new CohortContent(new string('n', CohortDefinition.MaxNameLength + 1), new string('d', CohortDefinition.MaxDescriptionLength + 1), Criteria).Problems();

        Assert.Equal(["name", "description"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Problems_OfGoodContent_AreNone() => Assert.Empty(new CohortContent("Heart failure", "For the INT", Criteria).Problems());

    [Fact]
    public void Normalised_WritesTheCriteriaAsTheHubDoes_SoEqualCriteriaCompareEqual()
    {
        var spaced = new CohortContent(" Heart failure ", "  ", """{ "criteria": { "register": { "register": "HEART_FAILURE" } }, "version": 1 }""").Normalised();

        Assert.Equal(new CohortContent("Heart failure", null, Criteria), spaced);
    }

    [Fact]
    public void Revise_KeepsTheKeyOwnerScopeAndOrigin_AndTakesTheNextVersion()
    {
        var first = new CohortDefinition
        {
            Id = 4, Key = "hf", Version = 3, Name = "HF", Owner = "alice", AuthoredBy = "bob", PcnCode = "U97340", CriteriaJson = Criteria, IsBuiltIn = true,
        };
        var at = new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero);

        var next = first.Revise(new CohortContent("HF v4", "now with COPD", Criteria), "carol", at);

        Assert.Equal(("hf", 4, "alice", "carol", "U97340", true), (next.Key, next.Version, next.Owner, next.AuthoredBy, next.PcnCode, next.IsBuiltIn));
        Assert.Equal(("HF v4", "now with COPD", at, 0), (next.Name, next.Description, next.CreatedAtUtc, next.Id));
    }

    [Fact]
    public void ScopedCriteria_OfAPcnCohort_AreDrawnFromThatPcn()
    {
        var definition = new CohortDefinition { Key = "hf", Name = "HF", Owner = "a", AuthoredBy = "a", PcnCode = "U97340", CriteriaJson = Criteria };

        Assert.Equal("""{"version":1,"criteria":{"all":[{"pcn":"U97340"},{"register":{"register":"HEART_FAILURE"}}]}}""", CohortCriteriaJson.Write(definition.ScopedCriteria));
        Assert.Equal(Criteria, CohortCriteriaJson.Write(new CohortDefinition { Key = "hf", Name = "HF", Owner = "a", AuthoredBy = "a", CriteriaJson = Criteria }.ScopedCriteria));
    }
}
