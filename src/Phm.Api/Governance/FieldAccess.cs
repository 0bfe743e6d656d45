using GraphQL.Builders;
using GraphQL.Types;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

/// <summary>Who may use a field, kept in the field's metadata and enforced by <see cref="FieldAccessRule"/>.</summary>
public static class FieldAccess
{
    private const string RolesKey = "phm:roles";

    /// <summary>Only callers acting in one of <paramref name="roles"/> may select this field.</summary>
    public static FieldBuilder<TSource, TReturn> AllowRoles<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] roles)
    {
        field.FieldType.Metadata[RolesKey] = roles;
        return field;
    }

    /// <summary>Any authenticated caller: reference data such as PCNs, practices and LSOAs.</summary>
    public static FieldBuilder<TSource, TReturn> AllowAnyRole<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.AllowRoles([.. PhmRoles.All]);

    /// <summary>The roles allowed to select <paramref name="field"/>, or null if it declares none.</summary>
    public static IReadOnlyList<string>? AllowedRoles(this IFieldType field) => field.GetMetadata<string[]?>(RolesKey);
}
