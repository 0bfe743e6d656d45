using System.Collections.Frozen;
using System.Linq.Expressions;
using GraphQL;
using GraphQLParser.AST;
using Phm.Api.Transport;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

/// <summary>
/// Which of a patient's fields are answered from the patient's keys alone (id, pseudonym, practice and LSOA codes), so that a page
/// whose patients are asked for no other field reads those columns alone (<see cref="Keys"/>) rather than the whole row, repeated
/// per register entry when the page reads them too. Every field of <see cref="PatientType"/> is listed in exactly one of
/// <see cref="ReadingKeysAlone"/> and <see cref="ReadingTheWholeRow"/> (PatientKeyFieldsTests): a patient read as its keys holds
/// defaults in its other columns, so a field added unlisted, or listed here while reading another column, would answer a default.
/// </summary>
internal static class PatientKeyFields
{
    /// <summary>The fields whose resolvers read only <see cref="Keys"/>' columns: the pseudonym, the codes, or the id a loader looks up.</summary>
    public static readonly FrozenSet<string> ReadingKeysAlone = FrozenSet.Create(StringComparer.Ordinal,
        "__typename", "id", "practice", "lsoa", "conditions", "careFlags", "activity", "activityCounts", "risk", "medicinesPrescribed",
        "proceduresPerformed", "impactability");

    /// <summary>The fields whose resolvers read other columns (birth, sex, ethnic group, death), which need the whole row.</summary>
    public static readonly FrozenSet<string> ReadingTheWholeRow = FrozenSet.Create(StringComparer.Ordinal,
        "birthYearMonth", "age", "ageBand", "sex", "ethnicGroup", "dateOfDeath");

    /// <summary>A patient read as its keys: the columns <see cref="ReadingKeysAlone"/>' fields read, and no other.</summary>
    public static readonly Expression<Func<Patient, Patient>> Keys =
        p => new Patient { Id = p.Id, Pseudonym = p.Pseudonym, PracticeCode = p.PracticeCode, LsoaCode = p.LsoaCode };

    /// <summary>
    /// Whether a connection of patients (<c>edges { node }</c>, <c>items</c>) asks its patients for fields of <see cref="ReadingKeysAlone"/>
    /// only, through fragments too. Directives are not evaluated: a field under <c>@skip</c> still counts, which costs the whole row, never an answer.
    /// </summary>
    public static bool SelectsKeysAlone(IResolveFieldContext context) =>
        PagePatients(context).All(patient => KeysAlone(context.Document, patient));

    /// <summary>What a connection of patients asks of its patients: the selection set of each <c>edges { node }</c> and <c>items</c>, through fragments too.</summary>
    public static IEnumerable<GraphQLSelectionSet?> PagePatients(IResolveFieldContext context)
    {
        var document = context.Document;
        foreach (var level in SelectionWalk.Fields(document, context.FieldAst.SelectionSet))
        {
            if (level.Name.StringValue == "items")
                yield return level.SelectionSet;
            if (level.Name.StringValue != "edges")
                continue;
            foreach (var node in SelectionWalk.Fields(document, level.SelectionSet))
            {
                if (node.Name.StringValue == "node")
                    yield return node.SelectionSet;
            }
        }
    }

    private static bool KeysAlone(GraphQLDocument document, GraphQLSelectionSet? patient) =>
        SelectionWalk.Fields(document, patient).All(field => ReadingKeysAlone.Contains(field.Name.StringValue));
}
