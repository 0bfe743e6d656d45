using System.Reflection;

namespace Phm.Data.Terminology;

/// <summary>
/// Which emergency admissions are for an ambulatory care sensitive condition (ACSC): those whose primary diagnosis is in
/// the hub's ACSC code list (<c>acsc.v1.csv</c>, beside this file and built into the assembly): the chronic conditions of
/// NHS Outcomes Framework indicator 2.3.i and the acute conditions of indicator 3a, by ICD-10 code. The list was
/// transcribed from memory ([U]; the file says what to check). The one rule of what an ACSC is: the generator, ingest and
/// <see cref="Patients.Activity"/> all ask it.
/// </summary>
public static class AmbulatoryCareSensitiveConditions
{
    public const string Version = "acsc.v1";

    private static readonly Dictionary<string, AcscGroup> Codes = Load();

    /// <summary>Every listed code (a category such as <c>J44</c> or a subcategory such as <c>E10.0</c>) and its group.</summary>
    public static IReadOnlyDictionary<string, AcscGroup> ListedCodes => Codes;

    /// <summary>
    /// The ACSC group of a primary diagnosis, or null when it is not an ACSC (or there is none): the code itself, else its
    /// four-character subcategory, else its category, as listed. The code is in the store's dotted form (<see cref="Icd10Code"/>).
    /// </summary>
    public static AcscGroup? GroupOf(string? icd10Code)
    {
        if (string.IsNullOrEmpty(icd10Code))
            return null;
        if (Codes.TryGetValue(icd10Code, out var group))
            return group;
        if (icd10Code.Length > 5 && Codes.TryGetValue(icd10Code[..5], out group))
            return group;
        return icd10Code.Length > 3 && Codes.TryGetValue(icd10Code[..3], out group) ? group : null;
    }

    public static bool Includes(string? icd10Code) => GroupOf(icd10Code) is not null;

    private static Dictionary<string, AcscGroup> Load()
    {
        using var stream = typeof(AmbulatoryCareSensitiveConditions).Assembly.GetManifestResourceStream(Version + ".csv")
            ?? throw new InvalidOperationException($"The ACSC code list {Version}.csv is not built into {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines is not ["code,group,kind", ..])
            throw new InvalidOperationException($"{Version}.csv: the header must be code,group,kind.");

        var codes = new Dictionary<string, AcscGroup>(StringComparer.Ordinal);
        var groups = new Dictionary<(string, AcscKind), AcscGroup>();
        foreach (var (line, row) in lines.Skip(1).Select((line, i) => (line, i + 1)))
        {
            var fields = line.Split(',');
            if (fields.Length != 3 || Icd10Code.Normalise(fields[0], out _) != fields[0] || !Enum.TryParse<AcscKind>(fields[2], ignoreCase: true, out var kind) || fields[1].Length == 0)
                throw new InvalidOperationException($"{Version}.csv row {row}: expected a dotted ICD-10 code, a group and chronic or acute.");
            if (!groups.TryGetValue((fields[1], kind), out var group))
                groups.Add((fields[1], kind), group = new AcscGroup(fields[1], kind));
            if (!codes.TryAdd(fields[0], group))
                throw new InvalidOperationException($"{Version}.csv row {row}: {fields[0]} is listed twice.");
        }
        return codes;
    }
}

/// <summary>A condition of the ACSC list, named as the hub's words say it ("COPD", "heart failure").</summary>
public sealed record AcscGroup(string Name, AcscKind Kind);

public enum AcscKind
{
    /// <summary>NHS Outcomes Framework 2.3.i: long-term conditions whose exacerbations good primary and community care can prevent.</summary>
    Chronic = 1,

    /// <summary>NHS Outcomes Framework 3a: acute conditions that should not usually need an admission.</summary>
    Acute = 2,
}
