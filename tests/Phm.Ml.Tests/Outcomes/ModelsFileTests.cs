using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Ml.Outcomes;

namespace Phm.Ml.Tests.Outcomes;

/// <summary>models.json: a model is configuration (name, version, outcome, words); a wrong entry is refused naming it and its field.</summary>
public sealed class ModelsFileTests
{
    [Fact]
    public void TheCommittedFile_ListsTheTwoDefaultModels()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ml-models", ModelsFile.FileName);

        var models = ModelsFile.Parse(File.ReadAllText(path), path);

        Assert.Equal(
            [("emergency-admission-12m", GeneratedOutcome.Activity(ActivityKind.EmergencyAdmission)), ("death-12m", GeneratedOutcome.Death)],
            models.Select(m => (m.Name, m.Outcome)));
    }

    [Fact]
    public void AThirdModel_IsAnEntry()
    {
        var models = ModelsFile.Parse("""
            {"models": [{"name": "ae-attendances-5-12m", "version": "1.0.0", "outcome": {"activity": "AeAttendance", "atLeast": 5},
                         "outcomeWords": "five or more A&E attendances in the next 12 months"}]}
            """, "models.json");

        var model = Assert.Single(models);
        Assert.Equal(GeneratedOutcome.Activity(ActivityKind.AeAttendance, 5), model.Outcome);
        Assert.Equal(Path.Combine("ae-attendances-5-12m", "1.0.0"), model.RelativeDirectory);
        Assert.StartsWith("At least 5 activity records of kind AeAttendance on a date after the index date t up to and including t + 1 year", model.OutcomeDefinition);
    }

    [Theory]
    [InlineData("""{"name": "Death 12m", "version": "1.0.0", "outcome": {"death": true}, "outcomeWords": "death"}""", "models[0].name 'Death 12m' must be lower-case words joined by '-'")]
    [InlineData("""{"name": "d", "version": "1", "outcome": {"death": true}, "outcomeWords": "death"}""", "models[0] ('d').version '1' must be a version such as 1.0.0")]
    [InlineData("""{"name": "d", "version": "1.0.0", "outcome": {"death": true, "atLeast": 2}, "outcomeWords": "death"}""", "models[0] ('d').outcome: death takes neither activity nor atLeast")]
    [InlineData("""{"name": "d", "version": "1.0.0", "outcome": {}, "outcomeWords": "death"}""", "models[0] ('d').outcome: give either \"death\": true or an \"activity\"")]
    [InlineData("""{"name": "d", "version": "1.0.0", "outcome": {"activity": "4"}, "outcomeWords": "x"}""", "models[0] ('d').outcome.activity '4' is not one of")]
    [InlineData("""{"name": "d", "version": "1.0.0", "outcome": {"activity": "AeAttendance", "atLeast": 0}, "outcomeWords": "x"}""", "models[0] ('d').outcome.atLeast must be 1 or more, not 0")]
    [InlineData("""{"name": "d", "version": "1.0.0", "outcome": {"death": true}, "outcomeWords": " "}""", "models[0] ('d').outcomeWords is empty")]
    public void AWrongEntry_IsRefused_NamingTheEntryAndField(string entry, string reason)
    {
        var refused = Assert.Throws<InvalidDataException>(() => ModelsFile.Parse($$"""{"models": [{{entry}}]}""", "models.json"));

        Assert.StartsWith("models.json: " + reason, refused.Message);
    }

    [Fact]
    public void AModelListedTwice_IsRefused()
    {
        const string entry = """{"name": "d", "version": "1.0.0", "outcome": {"death": true}, "outcomeWords": "death"}""";

        var refused = Assert.Throws<InvalidDataException>(() => ModelsFile.Parse($$"""{"models": [{{entry}}, {{entry}}]}""", "models.json"));

        Assert.Equal("models.json: model 'd' is listed more than once", refused.Message);
    }
}
