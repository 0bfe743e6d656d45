using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Phm.Ml.Features;

/// <summary>
/// The features a model is trained and scored on, in order: the one definition both use, written beside each model as
/// <c>features.json</c>. A model whose file differs from the code's schema must be refused (<see cref="DescribeMismatch"/>).
/// </summary>
public sealed class FeatureSchema
{
    public const string FileName = "features.json";

    private static readonly JsonSerializerOptions JsonOptions = new(ModelFileJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter<FeatureKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public FeatureSchema(string version, IReadOnlyList<FeatureDefinition> features)
    {
        var duplicate = features.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Feature '{duplicate.Key}' is defined more than once.", nameof(features));
        Version = version;
        Features = features;
        Hash = HashOf(version, features);
        _slots = features.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, int> _slots;

    /// <summary>Bumped when a feature keeps its name but changes its meaning (a window, a cap, a rule).</summary>
    public string Version { get; }

    public IReadOnlyList<FeatureDefinition> Features { get; }

    /// <summary>
    /// A fingerprint of the version and each feature's name, kind and category codes, in order: equal hashes, compatible
    /// schemas. Descriptions and words are left out, so rewording does not retire models.
    /// </summary>
    public string Hash { get; }

    public int Count => Features.Count;

    public IEnumerable<string> Names => Features.Select(f => f.Name);

    /// <summary>The slot of a named feature in every row's vector.</summary>
    public int SlotOf(string name) =>
        _slots.TryGetValue(name, out var slot) ? slot : throw new ArgumentException($"No feature '{name}' in the schema.", nameof(name));

    /// <summary>
    /// A named feature's value in words (<see cref="FeatureDefinition.InWords"/>); a name the schema does not have (a score stored
    /// by a model of other features) reads as its name and value.
    /// </summary>
    public string InWords(string name, float value) =>
        _slots.TryGetValue(name, out var slot) ? Features[slot].InWords(value) : $"{name} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Null when a model built on <paramref name="model"/> can be scored with this (the code's) schema; otherwise the first
    /// difference in words: a missing, extra or reordered feature, a changed kind or categories, or another version.
    /// </summary>
    public string? DescribeMismatch(FeatureSchema model)
    {
        var codeNames = Names.ToList();
        var modelNames = model.Names.ToList();
        for (var i = 0; i < Math.Max(codeNames.Count, modelNames.Count); i++)
        {
            var inCode = i < codeNames.Count ? codeNames[i] : null;
            var inModel = i < modelNames.Count ? modelNames[i] : null;
            if (inCode == inModel)
                continue;
            if (inCode is not null && !modelNames.Contains(inCode))
                return $"feature '{inCode}' (position {i + 1} in the code) is missing from the model's {FileName}";
            if (inModel is not null && !codeNames.Contains(inModel))
                return $"the model's {FileName} has feature '{inModel}' (position {i + 1}), which the code does not compute";
            return $"feature '{inCode}' is at position {i + 1} in the code but {modelNames.IndexOf(inCode!) + 1} in the model's {FileName} (reordered)";
        }

        var changed = Features.Zip(model.Features).FirstOrDefault(pair => pair.First.Signature != pair.Second.Signature);
        if (changed != default)
        {
            var (code, other) = changed;
            return code.Kind != other.Kind
                ? $"feature '{code.Name}' is {Lower(code.Kind)} in the code but {Lower(other.Kind)} in the model's {FileName}"
                : $"feature '{code.Name}' has categories {CodesOf(code)} in the code but {CodesOf(other)} in the model's {FileName}";
        }

        return Version == model.Version ? null : $"the model's features are version {model.Version}, the code's are version {Version}";
    }

    public string ToJson() => JsonSerializer.Serialize(new FeaturesFile(Version, Hash, [.. Features]), JsonOptions) + "\n";

    public async Task WriteAsync(string path, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(path, ToJson(), cancellationToken);

    /// <summary>Reads a <c>features.json</c>; a file that is not one, or whose hash does not match its features, is refused naming <paramref name="source"/>.</summary>
    public static FeatureSchema FromJson(string json, string source)
    {
        FeaturesFile? file;
        try
        {
            file = JsonSerializer.Deserialize<FeaturesFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a feature schema ({e.Message})", e);
        }
        if (file is null)
            throw new InvalidDataException($"{source}: not a feature schema (empty)");

        var schema = new FeatureSchema(file.Version, file.Features);
        if (schema.Hash != file.Hash)
            throw new InvalidDataException($"{source}: hash {file.Hash} does not match its features ({schema.Hash}); was the file edited by hand?");
        return schema;
    }

    public static async Task<FeatureSchema> ReadAsync(string path, CancellationToken cancellationToken) =>
        FromJson(await File.ReadAllTextAsync(path, cancellationToken), path);

    private static string HashOf(string version, IEnumerable<FeatureDefinition> features)
    {
        var text = string.Join('\n', features.Select(f => f.Signature).Prepend(version));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string Lower(FeatureKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static string CodesOf(FeatureDefinition feature) => $"[{string.Join(", ", feature.Categories?.Select(c => c.Code) ?? [])}]";

    /// <summary>The file's shape: what is written is what is read back.</summary>
    private sealed record FeaturesFile(string Version, string Hash, List<FeatureDefinition> Features);
}
