using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Phm.Data.Patients;
using Phm.Data.Population;

namespace Phm.Ml.Outcomes;

/// <summary>
/// One risk model as <c>ml-models/models.json</c> lists it: its name (the folder), current version, the outcome it predicts
/// and that outcome in words. A new model is a new entry: the outcome is configuration, the rest is shared code.
/// </summary>
public sealed partial record ModelDefinition(string Name, string Version, GeneratedOutcome Outcome, string OutcomeWords)
{
    /// <summary>Where the version's files are, under the models folder: <c>&lt;name&gt;/&lt;version&gt;</c>.</summary>
    public string RelativeDirectory => Path.Combine(Name, Version);

    /// <summary>Exactly what counts, for the model card: the event, how many, and the window after the index date.</summary>
    public string OutcomeDefinition => (Outcome.Kind is { } kind
            ? $"At least {Outcome.AtLeast} activity record{(Outcome.AtLeast == 1 ? "" : "s")} of kind {kind}"
            : "A recorded date of death")
        + " on a date after the index date t up to and including t + 1 year, (t, t + 1 year], for the patients born by and alive on t.";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex KebabName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    internal static partial Regex SemanticVersion();
}

/// <summary><c>ml-models/models.json</c>: the models the hub trains and serves, each at its current version.</summary>
public static class ModelsFile
{
    public const string FileName = "models.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<IReadOnlyList<ModelDefinition>> ReadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken), path);

    /// <summary>The entries of a <c>models.json</c>; anything wrong is refused naming <paramref name="source"/>, the entry and the field.</summary>
    public static IReadOnlyList<ModelDefinition> Parse(string json, string source)
    {
        ModelsEntries? file;
        try
        {
            file = JsonSerializer.Deserialize<ModelsEntries>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a list of models ({e.Message})", e);
        }
        if (file is null || file.Models.Count == 0)
            throw new InvalidDataException($"{source}: lists no models");

        var models = file.Models.Select((entry, i) => ToDefinition(entry, $"{source}: models[{i}]")).ToList();
        var twice = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidDataException($"{source}: model '{twice.Key}' is listed more than once");
        return models;
    }

    private static ModelDefinition ToDefinition(ModelEntry entry, string where)
    {
        if (!ModelDefinition.KebabName().IsMatch(entry.Name))
            throw new InvalidDataException($"{where}.name '{entry.Name}' must be lower-case words joined by '-' (it names a folder)");
        where = $"{where} ('{entry.Name}')";
        if (!ModelDefinition.SemanticVersion().IsMatch(entry.Version))
            throw new InvalidDataException($"{where}.version '{entry.Version}' must be a version such as 1.0.0");
        if (string.IsNullOrWhiteSpace(entry.OutcomeWords))
            throw new InvalidDataException($"{where}.outcomeWords is empty");
        return new ModelDefinition(entry.Name, entry.Version, ToOutcome(entry.Outcome, where + ".outcome"), entry.OutcomeWords);
    }

    private static GeneratedOutcome ToOutcome(OutcomeEntry outcome, string where)
    {
        if (outcome.Death == true)
        {
            return outcome.Activity is null && outcome.AtLeast is null
                ? GeneratedOutcome.Death
                : throw new InvalidDataException($"{where}: death takes neither activity nor atLeast");
        }
        if (outcome.Activity is null)
            throw new InvalidDataException($"{where}: give either \"death\": true or an \"activity\" (one of {string.Join(", ", Enum.GetNames<ActivityKind>())})");
        if (!Enum.TryParse<ActivityKind>(outcome.Activity, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(outcome.Activity, out _))
            throw new InvalidDataException($"{where}.activity '{outcome.Activity}' is not one of {string.Join(", ", Enum.GetNames<ActivityKind>())}");
        var atLeast = outcome.AtLeast ?? 1;
        return atLeast >= 1
            ? GeneratedOutcome.Activity(kind, atLeast)
            : throw new InvalidDataException($"{where}.atLeast must be 1 or more, not {atLeast}");
    }

    private sealed record ModelsEntries(List<ModelEntry> Models);

    private sealed record ModelEntry(string Name, string Version, OutcomeEntry Outcome, string OutcomeWords);

    private sealed record OutcomeEntry(bool? Death = null, string? Activity = null, int? AtLeast = null);
}
