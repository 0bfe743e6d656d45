using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Terminology;

/// <summary>
/// The versioned list that places SNOMED CT concepts on the store's condition registers
/// (<c>reference/code-lists/registers.v2.csv</c>): one row per code file (<c>register, kind, source, file</c>), most of
/// them NHS England's published QOF clusters kept byte for byte, a few local lists for registers that have none
/// (db/reference/README.md). A code may be in several files and then places on each of their registers; a code in none
/// is on no register. The files a version names never change: a new list is a new version, and each stored condition
/// records the version that placed it.
/// </summary>
public sealed class RegisterCodeList
{
    public const string Version = "registers.v2";

    private readonly Dictionary<string, RegisterPlacement[]> _placements;

    private RegisterCodeList(IReadOnlyList<RegisterCodeFile> files, Dictionary<string, RegisterPlacement[]> placements)
    {
        Files = files;
        _placements = placements;
    }

    /// <summary>The code files the list is made of, as <c>registers.v2.csv</c> names them.</summary>
    public IReadOnlyList<RegisterCodeFile> Files { get; }

    /// <summary>Every listed code and where it places a patient.</summary>
    public IReadOnlyDictionary<string, RegisterPlacement[]> Codes => _placements;

    public static RegisterCodeList Load(string referenceDirectory)
    {
        var folder = Path.Combine(referenceDirectory, "code-lists");
        var files = new List<RegisterCodeFile>();
        foreach (var row in ReferenceFile.Rows(Path.Combine(folder, Version + ".csv"), "register", "kind", "source", "file"))
        {
            var registerName = row.Text("register");
            if (!Enum.TryParse<ConditionRegister>(registerName, ignoreCase: false, out var register) || !Enum.IsDefined(register))
                throw row.Invalid("register", registerName, "not a condition register");
            var kindName = row.Text("kind");
            ConditionKind kind = kindName switch
            {
                "diagnosis" => ConditionKind.Diagnosis,
                "resolved" => ConditionKind.Resolved,
                _ => throw row.Invalid("kind", kindName, "not 'diagnosis' or 'resolved'"),
            };
            var file = row.Text("file");
            var path = Path.GetFullPath(Path.Combine(folder, file));
            if (!path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw row.Invalid("file", file, "not a file inside code-lists/");
            files.Add(new RegisterCodeFile(new RegisterPlacement(register, kind), row.Text("source"), file, path));
        }

        var placements = new Dictionary<string, List<RegisterPlacement>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var row in ReferenceFile.Rows(file.Path, "code", "term"))
            {
                var code = row.Text("code");
                if (SnomedConceptId.Problem(code) is { } problem)
                    throw row.Invalid("code", code, problem);
                if (!placements.TryGetValue(code, out var placed))
                    placements.Add(code, placed = []);
                if (placed.Exists(p => p.Register == file.Placement.Register && p.Kind != file.Placement.Kind))
                    throw row.Invalid("code", code, $"both a diagnosis and a resolution of {file.Placement.Register}");
                if (!placed.Contains(file.Placement))
                    placed.Add(file.Placement);
            }
        }

        return new RegisterCodeList(files, placements.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>Where a code places a patient: none when it is on no register.</summary>
    public IReadOnlyList<RegisterPlacement> PlacementsOf(string snomedCode) => _placements.GetValueOrDefault(snomedCode, []);

    /// <summary>
    /// The codes that diagnose this register and no other, in code order: what the generator draws from, so that a drawn
    /// code never puts a patient on a register the model did not choose.
    /// </summary>
    public IReadOnlyList<string> DiagnosesOnlyOf(ConditionRegister register) =>
        [.. _placements.Where(p => p.Value is [{ Kind: ConditionKind.Diagnosis } only] && only.Register == register).Select(p => p.Key).Order(StringComparer.Ordinal)];
}

/// <summary>A code's meaning for one register: it diagnoses the condition, or records it resolved.</summary>
public readonly record struct RegisterPlacement(ConditionRegister Register, ConditionKind Kind);

/// <param name="Source">The published cluster's id (<c>HYP_COD</c>), or <c>local</c>.</param>
/// <param name="File">The path as the list gives it, relative to <c>code-lists/</c>.</param>
/// <param name="Path">The full path it was read from.</param>
public sealed record RegisterCodeFile(RegisterPlacement Placement, string Source, string File, string Path)
{
    /// <summary>A list the hub keeps itself, not a published cluster.</summary>
    public bool IsLocal => Source == "local";
}
