using System.Collections.Frozen;
using System.Linq.Expressions;
using GraphQL;
using Phm.Api.Transport;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

/// <summary>
/// Which of a register entry's fields are answered without its codes (the SNOMED CT code and the code list: the two strings of each
/// entry), so that a page whose patients' <c>conditions</c> are asked for no other field reads its entries <see cref="WithoutCodes"/>.
/// Every field of <see cref="ConditionType"/> is listed in exactly one of <see cref="ReadingTheEntryAlone"/> and <see cref="ReadingItsCodes"/>
/// (ConditionFieldsTests): an entry read without its codes holds empty strings in them, so a field added unlisted, or listed here while
/// reading a code, would answer one.
/// </summary>
internal static class ConditionFields
{
    /// <summary>The fields whose resolvers read only the columns <see cref="WithoutCodes"/> reads.</summary>
    public static readonly FrozenSet<string> ReadingTheEntryAlone = FrozenSet.Create(StringComparer.Ordinal,
        "__typename", "register", "kind", "onsetDate");

    /// <summary>The fields whose resolvers read the entry's codes.</summary>
    public static readonly FrozenSet<string> ReadingItsCodes = FrozenSet.Create(StringComparer.Ordinal, "snomedCode", "codeList");

    /// <summary>An entry read without its codes: the columns <see cref="ReadingTheEntryAlone"/>' fields read, and its keys.</summary>
    public static readonly Expression<Func<Condition, Condition>> WithoutCodes = c => new Condition
    {
        Id = c.Id, PatientId = c.PatientId, Register = c.Register, Kind = c.Kind, OnsetDate = c.OnsetDate, SnomedCode = "", CodeList = "",
    };

    /// <summary>
    /// Whether a connection of patients asks its patients' <c>conditions</c> for a field outside <see cref="ReadingTheEntryAlone"/>, through
    /// fragments too. Directives are not evaluated: a field under <c>@skip</c> still counts, which costs the codes' columns, never an answer.
    /// </summary>
    public static bool PageSelectsCodes(IResolveFieldContext context)
    {
        var document = context.Document;
        return PatientKeyFields.PagePatients(context)
            .SelectMany(patient => SelectionWalk.Fields(document, patient))
            .Where(field => field.Name.StringValue == "conditions")
            .SelectMany(conditions => SelectionWalk.Fields(document, conditions.SelectionSet))
            .Any(field => !ReadingTheEntryAlone.Contains(field.Name.StringValue));
    }
}
