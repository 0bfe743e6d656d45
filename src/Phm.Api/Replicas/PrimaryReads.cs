using GraphQL.Builders;
using GraphQL.Types;

namespace Phm.Api.Replicas;

/// <summary>Query fields that read from the primary even when a read replica is in use (<see cref="ReadRouting"/>), kept in the field's metadata.</summary>
public static class PrimaryReads
{
    private const string Key = "phm:readsOwnWrites";

    /// <summary>
    /// This field reads what callers write through the API (saved cohorts, the audit trail), so a caller who has just written it
    /// must read it back: it is read from the primary, never from a replica that may not have it yet.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> ReadsOwnWrites<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[Key] = true;
        return field;
    }

    public static bool IsReadingOwnWrites(IFieldType field) => field.GetMetadata(Key, false);
}
