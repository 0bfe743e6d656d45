using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Phm.Web.CohortBuilder;

/// <summary>
/// One node of the criteria tree being edited: a group (all / any), a not, or a predicate. Each writes itself as the hub's
/// <c>CohortCriteria</c> input (exactly one field set; the stored <c>criteriaJson</c> uses the same names), and reads itself
/// back from that JSON, so a saved cohort can be opened and revised.
/// </summary>
public abstract class CriteriaNode
{
    private static int lastId;

    /// <summary>Unique within the app, for the ids of the node's form controls.</summary>
    public string Id { get; } = "criterion-" + Interlocked.Increment(ref lastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>The node as the hub's criteria input, e.g. <c>{"age":{"atLeast":65}}</c>.</summary>
    public abstract JsonObject ToInput();

    /// <summary>Reads one node of stored criteria (a field the builder has no form for is kept as it is, read-only).</summary>
    public static CriteriaNode FromInput(JsonObject input)
    {
        if (input.Count != 1)
            return new FixedCriterion(input);
        var (field, value) = input.First();
        return field switch
        {
            "all" or "any" when value is JsonArray children => new CriteriaGroup(field == "any")
            {
                Children = children.OfType<JsonObject>().Select(FromInput).ToList(),
            },
            "not" when value is JsonObject inner => new NotCriterion { Inner = FromInput(inner) },
            _ => (CriteriaNode?)Predicate.TryRead(field, value) ?? new FixedCriterion(input),
        };
    }

    /// <summary>Reads stored criteria JSON (<c>{"version":1,"criteria":{...}}</c>) as the tree the builder edits.</summary>
    public static CriteriaGroup FromStoredJson(string criteriaJson)
    {
        var root = JsonNode.Parse(criteriaJson)?["criteria"] as JsonObject
            ?? throw new FormatException("The stored criteria have no criteria object.");
        // The builder's root is always a group, so that conditions can be added beside a lone predicate.
        return FromInput(root) as CriteriaGroup ?? new CriteriaGroup(any: false) { Children = [FromInput(root)] };
    }
}

/// <summary>Every one (all) or at least one (any) of the children holds.</summary>
public sealed class CriteriaGroup(bool any) : CriteriaNode
{
    public bool Any { get; set; } = any;

    public List<CriteriaNode> Children { get; init; } = [];

    public override JsonObject ToInput() => new() { [Any ? "any" : "all"] = new JsonArray(Children.Select(c => (JsonNode)c.ToInput()).ToArray()) };
}

/// <summary>The criterion under it does not hold.</summary>
public sealed class NotCriterion : CriteriaNode
{
    public CriteriaNode Inner { get; set; } = Predicate.WithDefaults(PredicateKind.CareFlag);

    public override JsonObject ToInput() => new() { ["not"] = Inner.ToInput() };
}

/// <summary>Stored criteria the builder has no form for (a field a newer hub added): kept unchanged.</summary>
public sealed class FixedCriterion(JsonObject input) : CriteriaNode
{
    public string Json { get; } = input.ToJsonString();

    public override JsonObject ToInput() => (JsonObject)JsonNode.Parse(Json)!;
}

/// <summary>The predicates the builder offers a form for.</summary>
public enum PredicateKind
{
    Age,
    Sex,
    Register,
    RegisterCount,
    Activity,
    BedDays,
    DaysSinceLastEmergencyAdmission,
    CareFlag,
    Risk,
    NationalQuintiles,
    LocalQuintiles,
    Impactability,
    EthnicGroups,
    Pcn,
    Practice,
    Lsoa,
    Alive,
}

/// <summary>A span of dates: the last N months, or from and/or to (ISO dates, both included).</summary>
public sealed class WindowChoice
{
    public bool Between { get; set; }

    public int? LastMonths { get; set; } = 12;

    public string? From { get; set; }

    public string? To { get; set; }

    public JsonObject ToInput()
    {
        var window = new JsonObject();
        if (!Between)
            window["lastMonths"] = LastMonths;
        else
        {
            if (!string.IsNullOrEmpty(From))
                window["from"] = From;
            if (!string.IsNullOrEmpty(To))
                window["to"] = To;
        }
        return window;
    }

    public static WindowChoice Read(JsonNode? node) => node is JsonObject window && window.ContainsKey("lastMonths")
        ? new WindowChoice { LastMonths = window["lastMonths"]?.GetValue<int>() }
        : new WindowChoice { Between = true, LastMonths = null, From = node?["from"]?.GetValue<string>(), To = node?["to"]?.GetValue<string>() };
}

/// <summary>
/// One predicate with the fields of its kind (the others are ignored). Bad values (an empty range, a missing window) are
/// written as they are: the hub refuses them with the path of the problem, which the builder shows.
/// </summary>
public sealed class Predicate(PredicateKind kind) : CriteriaNode
{
    public PredicateKind Kind { get; set; } = kind;

    public int? AtLeast { get; set; }

    public int? AtMost { get; set; }

    /// <summary>The value the kind chooses: a sex, register, kind of activity, care flag or impactability signal; a PCN's, practice's or LSOA's code.</summary>
    public string? Value { get; set; }

    /// <summary>For a register: only diagnoses within the onset window.</summary>
    public bool HasOnset { get; set; }

    public WindowChoice Window { get; set; } = new();

    /// <summary>For a care flag: recorded (true) or not recorded (false); for alive: alive (true) or died by the reference date (false).</summary>
    public bool Present { get; set; } = true;

    public string Model { get; set; } = "emergency-admission-12m";

    /// <summary>Risk tiers, quintiles (as "1" … "5") or ethnic groups, ticked.</summary>
    public HashSet<string> Choices { get; set; } = [];

    public double? MinPercentile { get; set; }

    public double? MaxPercentile { get; set; }

    /// <summary>
    /// A new predicate of <paramref name="kind"/> filled in with a typical example, so it counts as soon as it is added (a place
    /// condition starts at the first of the <paramref name="places"/> offered).
    /// </summary>
    public static Predicate WithDefaults(PredicateKind kind, BuilderPlaces? places = null) => kind switch
    {
        PredicateKind.Age => new(kind) { AtLeast = 65 },
        PredicateKind.Sex => new(kind) { Value = "FEMALE" },
        PredicateKind.Register => new(kind) { Value = "DIABETES" },
        PredicateKind.RegisterCount => new(kind) { AtLeast = 3 },
        PredicateKind.Activity => new(kind) { Value = "AE_ATTENDANCE", AtLeast = 3 },
        PredicateKind.BedDays => new(kind) { AtLeast = 10 },
        PredicateKind.DaysSinceLastEmergencyAdmission => new(kind) { AtMost = 90 },
        PredicateKind.CareFlag => new(kind) { Value = "CARE_PLAN", Present = false },
        PredicateKind.Risk => new(kind) { Choices = ["VERY_HIGH", "HIGH"] },
        PredicateKind.NationalQuintiles or PredicateKind.LocalQuintiles => new(kind) { Choices = ["1"] },
        PredicateKind.Impactability => new(kind) { Value = "AMBULATORY_CARE_SENSITIVE_ADMISSIONS" },
        PredicateKind.EthnicGroups => new(kind) { Choices = ["WHITE"] },
        PredicateKind.Pcn => new(kind) { Value = FirstOf(places?.Pcns) },
        PredicateKind.Practice => new(kind) { Value = FirstOf(places?.Practices) },
        PredicateKind.Lsoa => new(kind) { Value = FirstOf(places?.Lsoas) },
        PredicateKind.Alive => new(kind) { Present = true },
        _ => new(kind),
    };

    private static string? FirstOf(IReadOnlyList<KeyValuePair<string, string>>? places) => places is [var first, ..] ? first.Key : null;

    public override JsonObject ToInput() => new() { [FieldName(Kind)] = Body() };

    private JsonNode? Body() => Kind switch
    {
        PredicateKind.Age or PredicateKind.RegisterCount or PredicateKind.DaysSinceLastEmergencyAdmission => Range(),
        PredicateKind.Sex or PredicateKind.Impactability or PredicateKind.Pcn or PredicateKind.Practice or PredicateKind.Lsoa => Value,
        PredicateKind.Alive => Present,
        PredicateKind.EthnicGroups => new JsonArray(Choices.Order(StringComparer.Ordinal).Select(g => (JsonNode)g).ToArray()),
        PredicateKind.Register => HasOnset
            ? new JsonObject { ["register"] = Value, ["onset"] = Window.ToInput() }
            : new JsonObject { ["register"] = Value },
        PredicateKind.Activity => new JsonObject { ["kind"] = Value, ["window"] = Window.ToInput(), ["count"] = Range() },
        PredicateKind.BedDays => new JsonObject { ["window"] = Window.ToInput(), ["days"] = Range() },
        PredicateKind.CareFlag => new JsonObject { ["kind"] = Value, ["present"] = Present },
        PredicateKind.Risk => RiskBody(),
        PredicateKind.NationalQuintiles or PredicateKind.LocalQuintiles =>
            new JsonArray(Choices.Order(StringComparer.Ordinal).Select(q => (JsonNode)int.Parse(q, CultureInfo.InvariantCulture)).ToArray()),
        _ => throw new InvalidOperationException($"No input for {Kind}."),
    };

    private JsonObject Range()
    {
        var range = new JsonObject();
        if (AtLeast is { } least)
            range["atLeast"] = least;
        if (AtMost is { } most)
            range["atMost"] = most;
        return range;
    }

    private JsonObject RiskBody()
    {
        var risk = new JsonObject { ["model"] = Model };
        if (Choices.Count > 0)
            risk["tiers"] = new JsonArray(Choices.Order(StringComparer.Ordinal).Select(t => (JsonNode)t).ToArray());
        if (MinPercentile is { } least)
            risk["minPercentile"] = least;
        if (MaxPercentile is { } most)
            risk["maxPercentile"] = most;
        return risk;
    }

    /// <summary>The criteria input's field for each kind.</summary>
    public static string FieldName(PredicateKind kind) => kind switch
    {
        PredicateKind.DaysSinceLastEmergencyAdmission => "daysSinceLastEmergencyAdmission",
        _ => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()),
    };

    /// <summary>The predicate stored as <paramref name="field"/>: <paramref name="value"/>, or null when the builder has no form for it.</summary>
    public static Predicate? TryRead(string field, JsonNode? value)
    {
        if (Enum.GetValues<PredicateKind>().Where(k => FieldName(k) == field).Cast<PredicateKind?>().FirstOrDefault() is not { } kind)
            return null;
        var predicate = new Predicate(kind);
        switch (kind)
        {
            case PredicateKind.Age or PredicateKind.RegisterCount or PredicateKind.DaysSinceLastEmergencyAdmission:
                predicate.ReadRange(value);
                break;
            case PredicateKind.Sex or PredicateKind.Impactability or PredicateKind.Pcn or PredicateKind.Practice or PredicateKind.Lsoa:
                predicate.Value = value?.GetValue<string>();
                break;
            case PredicateKind.Alive:
                predicate.Present = value?.GetValue<bool>() ?? true;
                break;
            case PredicateKind.EthnicGroups:
                predicate.Choices = (value as JsonArray)?.Select(g => g!.GetValue<string>()).ToHashSet() ?? [];
                break;
            case PredicateKind.Register:
                predicate.Value = value?["register"]?.GetValue<string>();
                predicate.HasOnset = value?["onset"] is not null;
                if (predicate.HasOnset)
                    predicate.Window = WindowChoice.Read(value?["onset"]);
                break;
            case PredicateKind.Activity:
                predicate.Value = value?["kind"]?.GetValue<string>();
                predicate.Window = WindowChoice.Read(value?["window"]);
                predicate.ReadRange(value?["count"]);
                break;
            case PredicateKind.BedDays:
                predicate.Window = WindowChoice.Read(value?["window"]);
                predicate.ReadRange(value?["days"]);
                break;
            case PredicateKind.CareFlag:
                predicate.Value = value?["kind"]?.GetValue<string>();
                predicate.Present = value?["present"]?.GetValue<bool>() ?? true;
                break;
            case PredicateKind.Risk:
                predicate.Model = value?["model"]?.GetValue<string>() ?? predicate.Model;
                predicate.Choices = (value?["tiers"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToHashSet() ?? [];
                predicate.MinPercentile = value?["minPercentile"]?.GetValue<double>();
                predicate.MaxPercentile = value?["maxPercentile"]?.GetValue<double>();
                break;
            case PredicateKind.NationalQuintiles or PredicateKind.LocalQuintiles:
                predicate.Choices = (value as JsonArray)?.Select(q => q!.GetValue<int>().ToString(CultureInfo.InvariantCulture)).ToHashSet() ?? [];
                break;
        }
        return predicate;
    }

    private void ReadRange(JsonNode? range)
    {
        AtLeast = range?["atLeast"]?.GetValue<int>();
        AtMost = range?["atMost"]?.GetValue<int>();
    }
}
