using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Ingest;

/// <summary>
/// The versioned list that maps SNOMED CT concepts to the store's condition registers
/// (<c>reference/code-lists/registers.v1.csv</c>: code, term, register). A code not on the list is on no register.
/// A new version is a new file, so what a past ingest meant stays readable.
/// </summary>
public sealed class RegisterCodeList
{
    public const string Version = "registers.v1";

    private readonly Dictionary<string, ConditionRegister> _registers;

    private RegisterCodeList(Dictionary<string, ConditionRegister> registers) => _registers = registers;

    public IReadOnlyDictionary<string, ConditionRegister> Codes => _registers;

    public static RegisterCodeList Load(string referenceDirectory)
    {
        var path = Path.Combine(referenceDirectory, "code-lists", Version + ".csv");
        var registers = new Dictionary<string, ConditionRegister>(StringComparer.Ordinal);
        foreach (var row in ReferenceFile.Rows(path, "code", "term", "register"))
        {
            var code = row.Text("code");
            var name = row.Text("register");
            if (!Enum.TryParse<ConditionRegister>(name, ignoreCase: false, out var register) || !Enum.IsDefined(register))
                throw row.Invalid("register", name, "not a condition register");
            if (!registers.TryAdd(code, register))
                throw row.Invalid("code", code, "listed twice");
        }
        return new RegisterCodeList(registers);
    }

    public bool TryFind(string snomedCode, out ConditionRegister register) => _registers.TryGetValue(snomedCode, out register);
}
