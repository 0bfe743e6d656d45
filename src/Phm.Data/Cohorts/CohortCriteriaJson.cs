using System.Text.Json;
using System.Text.Json.Serialization;

namespace Phm.Data.Cohorts;

/// <summary>
/// Criteria stored as JSON: <c>{"version":1,"criteria":{...}}</c>, with the same field and enum names as the GraphQL input
/// (camelCase fields, CONSTANT_CASE values), so a stored definition reads as the query that made it. The version says how
/// to read the rest: a change of meaning gets a new version, and old versions stay readable.
/// </summary>
public static class CohortCriteriaJson
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) },
    };

    public static string Write(CohortCriteria criteria) =>
        JsonSerializer.Serialize(new StoredCriteria(CurrentVersion, criteria), Options);

    /// <summary>The criteria in <paramref name="json"/>; a <see cref="CohortCriteriaException"/> names the path of what cannot be read.</summary>
    public static CohortCriteria Read(string json)
    {
        StoredCriteria? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredCriteria>(json, Options);
        }
        catch (JsonException e)
        {
            throw new CohortCriteriaException([new CriteriaProblem(PathOf(e.Path), e.Message.Split(" Path:")[0])]);
        }
        if (stored is null)
            throw new CohortCriteriaException([new CriteriaProblem("criteria", "stored criteria are empty.")]);
        if (stored.Version != CurrentVersion)
            throw new CohortCriteriaException([new CriteriaProblem("version", $"version {stored.Version} is not known; this hub reads version {CurrentVersion}.")]);
        return stored.Criteria ?? throw new CohortCriteriaException([new CriteriaProblem("criteria", "stored criteria have no criteria.")]);
    }

    /// <summary>A JSON path such as <c>$.criteria.all[2].register</c> as the criteria path <c>criteria.all[2].register</c>.</summary>
    private static string PathOf(string? jsonPath) => string.IsNullOrEmpty(jsonPath) ? "criteria" : jsonPath.TrimStart('$', '.');

    private sealed record StoredCriteria(int Version, CohortCriteria? Criteria);
}
