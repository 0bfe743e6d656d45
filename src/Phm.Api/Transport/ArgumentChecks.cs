using GraphQL.Builders;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Phm.Api.Transport;

/// <summary>
/// Fields whose argument checks (<c>ValidateArguments</c>) read nothing but the arguments, the caller's role and PCN and the store's
/// reference data (<see cref="Phm.Data.Store.StoreReference"/>, which follows the store's stamp), declared in the field's metadata, so
/// that <see cref="ValidatedDocumentCache"/> may keep a request's validation outcome for the next request with the same key. A field
/// that checks its arguments without saying so keeps any document selecting it validated afresh on every request: a check that reads
/// saved cohorts, the audit trail or anything else a request can change is never taken from a kept outcome.
/// </summary>
public static class ArgumentChecks
{
    private const string ReadOnlyReferenceDataKey = "phm:argument-checks-read-only-reference-data";

    /// <summary>This field's argument checks read only its arguments, the caller's role and PCN, and the store's reference data.</summary>
    public static FieldBuilder<TSource, TReturn> ArgumentChecksReadOnlyReferenceData<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[ReadOnlyReferenceDataKey] = true;
        return field;
    }

    /// <summary>What the argument checks of the fields a document selects read, found by a <see cref="Probe"/>.</summary>
    internal enum Reads
    {
        /// <summary>No field the document selects checks its arguments: the outcome depends on the caller and the variables alone.</summary>
        Nothing,

        /// <summary>Some check, each declared to read only the store's reference data: the outcome depends on the store's stamp too.</summary>
        ReferenceData,

        /// <summary>Some check not declared: the outcome is never kept.</summary>
        Undeclared,
    }

    /// <summary>
    /// A validation rule that visits the fields of the document it validates, as the other rules do, and notes what their argument
    /// checks read. One instance a validation: it holds that validation's finding.
    /// </summary>
    internal sealed class Probe : ValidationRuleBase
    {
        public Reads Found { get; private set; } = Reads.Nothing;

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((_, validation) =>
            {
                if (validation.TypeInfo.GetFieldDef() is not { ValidateArguments: not null } definition || Found == Reads.Undeclared)
                    return;
                Found = definition.GetMetadata(ReadOnlyReferenceDataKey, false) ? Reads.ReferenceData : Reads.Undeclared;
            }));
    }
}
