using GraphQL.Conversion;
using GraphQL.Types;

namespace Phm.Api.Tests.Support;

/// <summary>
/// Checks a split of an object type's fields into two classes (what a narrow read answers, what needs the whole row): every field
/// the schema gives the type is in exactly one class, so a field added unclassed fails rather than being answered from columns
/// that were not read.
/// </summary>
internal static class FieldClasses
{
    public static void AssertEveryFieldInExactlyOne(IComplexGraphType type, IReadOnlySet<string> one, IReadOnlySet<string> other)
    {
        // Names as the schema gives them (camel case); a field declared by expression is named after its member until then.
        var fields = type.Fields.Select(field => CamelCaseNameConverter.Instance.NameForField(field.Name, type)).Order(StringComparer.Ordinal);

        Assert.Empty(one.Intersect(other));
        Assert.Equal(fields, one.Union(other).Where(name => name != "__typename").Order(StringComparer.Ordinal));
    }
}
