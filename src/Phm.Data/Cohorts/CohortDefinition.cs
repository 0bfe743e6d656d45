using System.Globalization;
using System.Text;

namespace Phm.Data.Cohorts;

/// <summary>
/// One version of a saved cohort: who belongs to it (<see cref="CriteriaJson"/>), who owns it and which PCN it is for. A cohort is
/// every version sharing a <see cref="Key"/>; a revision adds the next version and keeps the old ones, so an evaluation
/// (<see cref="CohortSnapshot"/>) always says which criteria it used. Definitions are user data, not population data: a
/// store rebuild keeps them (<see cref="Store.StoreLoader"/>, <see cref="Store.PhmStore"/>).
/// </summary>
public sealed class CohortDefinition
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxKeyLength = 80;

    /// <summary>The owner of built-in definitions (<see cref="OneTeamCohorts"/>): the hub itself.</summary>
    public const string BuiltInOwner = "phm";

    /// <summary>This version's row; the audit trail's <c>cohortId</c> names the version evaluated by it.</summary>
    public int Id { get; init; }

    /// <summary>The cohort's stable slug, the same in every version, e.g. <c>bitterne-hiu-heart-failure</c>.</summary>
    public required string Key { get; init; }

    /// <summary>1 for the first version, one more for each revision.</summary>
    public int Version { get; init; }

    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>The token subject that saved the first version (<see cref="BuiltInOwner"/> for built-in ones).</summary>
    public required string Owner { get; init; }

    /// <summary>The token subject that wrote this version.</summary>
    public required string AuthoredBy { get; init; }

    /// <summary>The PCN whose registered patients the cohort is drawn from; null for a city-wide cohort (analysts and administrators only).</summary>
    public string? PcnCode { get; init; }

    /// <summary>The criteria as <see cref="CohortCriteriaJson"/> writes them.</summary>
    public required string CriteriaJson { get; init; }

    /// <summary>The thresholds the criteria were made from (built-in definitions), as a JSON object; null for criteria written by hand.</summary>
    public string? ParametersJson { get; init; }

    public bool IsBuiltIn { get; init; }
    public DateTimeOffset CreatedAtUtc { get; init; }

    /// <summary>When the cohort was retired; set on every version, since retiring ends the cohort, not one version.</summary>
    public DateTimeOffset? RetiredAtUtc { get; set; }

    public bool IsRetired => RetiredAtUtc is not null;

    public CohortCriteria Criteria => CohortCriteriaJson.Read(CriteriaJson);

    /// <summary>The criteria as evaluated: a PCN cohort is drawn from that PCN's registered patients only.</summary>
    public CohortCriteria ScopedCriteria => PcnCode is { } pcn ? CohortCriteria.AllOf(new CohortCriteria { Pcn = pcn }, Criteria) : Criteria;

    /// <summary>Version 1 of a new cohort under <paramref name="key"/>, owned and written by <paramref name="owner"/>.</summary>
    public static CohortDefinition First(string key, CohortContent content, string owner, string? pcnCode, bool isBuiltIn, DateTimeOffset at) =>
        Of(key, 1, content, owner, owner, pcnCode, isBuiltIn, at);

    /// <summary>The next version: the same key, owner, scope and origin, with new content written by <paramref name="author"/>.</summary>
    public CohortDefinition Revise(CohortContent content, string author, DateTimeOffset at) => Of(Key, Version + 1, content, Owner, author, PcnCode, IsBuiltIn, at);

    private static CohortDefinition Of(
        string key, int version, CohortContent content, string owner, string author, string? pcnCode, bool isBuiltIn, DateTimeOffset at) => new()
        {
            Key = key,
            Version = version,
            Name = content.Name,
            Description = content.Description,
            Owner = owner,
            AuthoredBy = author,
            PcnCode = pcnCode,
            CriteriaJson = content.CriteriaJson,
            ParametersJson = content.ParametersJson,
            IsBuiltIn = isBuiltIn,
            CreatedAtUtc = at,
        };

    /// <summary>
    /// A key for a new cohort named <paramref name="name"/>: lower-case letters and digits joined by hyphens, then "-2", "-3"...
    /// if taken. Only the characters of the name, never anything about patients.
    /// </summary>
    public static string KeyFor(string name, IReadOnlySet<string> taken)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                slug.Append(c);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var stem = slug.ToString().Trim('-');
        stem = stem.Length == 0 ? "cohort" : stem[..Math.Min(stem.Length, MaxKeyLength - 6)].TrimEnd('-');
        if (!taken.Contains(stem))
            return stem;
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}";
            if (!taken.Contains(candidate))
                return candidate;
        }
    }
}

/// <summary>What a save or a revision sets: the name, the description and the criteria (and, for built-in ones, their parameters).</summary>
public sealed record CohortContent(string Name, string? Description, string CriteriaJson, string? ParametersJson = null)
{
    /// <summary>The problems with this content, each at its field (<c>name</c>, <c>description</c>, <c>criteriaJson…</c>); empty when it may be saved.</summary>
    public IReadOnlyList<CriteriaProblem> Problems()
    {
        List<CriteriaProblem> problems = [];
        if (string.IsNullOrWhiteSpace(Name))
            problems.Add(new("name", "a cohort needs a name."));
        else if (Name.Length > CohortDefinition.MaxNameLength)
            problems.Add(new("name", $"at most {CohortDefinition.MaxNameLength} characters, not {Name.Length}."));
        if (Description is { Length: > CohortDefinition.MaxDescriptionLength })
            problems.Add(new("description", $"at most {CohortDefinition.MaxDescriptionLength} characters, not {Description.Length}."));
        try
        {
            // Readable criteria must also be well formed: every node one member, no empty any, windows that end after they start.
            problems.AddRange(CohortCriteriaValidation.Problems(CohortCriteriaJson.Read(CriteriaJson), "criteriaJson." + CohortCriteriaValidation.Root));
        }
        catch (CohortCriteriaException e)
        {
            // The whole document unreadable has an empty path.
            problems.AddRange(e.Problems.Select(p => p with { Path = p.Path.Length == 0 ? "criteriaJson" : "criteriaJson." + p.Path }));
        }
        return problems;
    }

    /// <summary>The same content with its criteria written as <see cref="CohortCriteriaJson"/> writes them, so equal criteria compare equal.</summary>
    public CohortContent Normalised() => this with { Name = Name.Trim(), Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), CriteriaJson = CohortCriteriaJson.Write(CohortCriteriaJson.Read(CriteriaJson)) };
}
