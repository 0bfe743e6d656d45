using System.Globalization;

namespace Phm.Ml.Features;

/// <summary>What a feature's value means to a learner.</summary>
public enum FeatureKind
{
    /// <summary>A count, age, score or rank: larger means more.</summary>
    Numeric,

    /// <summary>1 or 0: the patient has it or not.</summary>
    Binary,

    /// <summary>A code from <see cref="FeatureDefinition.Categories"/>; its order means nothing (one-hot it for a linear learner).</summary>
    Categorical,
}

/// <summary>One code of a categorical feature and what it says of a patient.</summary>
public sealed record FeatureCategory(int Code, string Words);

/// <summary>
/// One feature of the risk models: its name (the column in <c>features.json</c>), kind, a description of what it measures,
/// and how a patient's value reads in words, for a score's main contributing factors.
/// </summary>
/// <param name="Phrase">
/// Numeric: the value in words, <c>{0}</c> standing for the value and <c>{s}</c> for a plural "s" ("{0} emergency
/// admission{s} in the last 12 months"). Binary: the words when the value is 1. Categorical: unused (each category has its words).
/// </param>
/// <param name="AbsentPhrase">Binary only: the words when the value is 0.</param>
public sealed record FeatureDefinition(
    string Name,
    FeatureKind Kind,
    string Description,
    string? Phrase = null,
    string? AbsentPhrase = null,
    IReadOnlyList<FeatureCategory>? Categories = null)
{
    /// <summary>A patient's value of this feature in words: "3 emergency admissions in the last 12 months", "on the heart failure register".</summary>
    public string InWords(float value) => Kind switch
    {
        FeatureKind.Numeric => (Phrase ?? Name + " {0}")
            .Replace("{0}", value.ToString("0.##", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{s}", value == 1 ? "" : "s", StringComparison.Ordinal),
        FeatureKind.Binary => (value != 0 ? Phrase : AbsentPhrase) ?? $"{Name} = {value.ToString(CultureInfo.InvariantCulture)}",
        FeatureKind.Categorical => Categories?.FirstOrDefault(c => c.Code == value)?.Words
            ?? $"{Name} = {value.ToString(CultureInfo.InvariantCulture)}",
        _ => throw new InvalidOperationException($"Feature '{Name}' has an unknown kind {Kind}."),
    };

    /// <summary>What a model depends on: name, kind and category codes. Wording may change without retraining.</summary>
    internal string Signature => Categories is null
        ? $"{Name}:{Kind}"
        : $"{Name}:{Kind}:{string.Join(',', Categories.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)))}";
}
