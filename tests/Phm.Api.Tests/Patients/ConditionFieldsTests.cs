using GraphQL.Conversion;
using Phm.Api.Patients;

namespace Phm.Api.Tests.Patients;

/// <summary>
/// A page whose patients' register entries are asked only for fields answered without the entries' codes reads them without those
/// columns (<c>ConditionFields</c>); the codes' fields need them. So each field of Condition is classed as one or the other, never both:
/// a field added to Condition unclassed fails here rather than being answered from an entry read without its codes, whose codes are empty.
/// </summary>
public sealed class ConditionFieldsTests
{
    [Fact]
    public void EveryFieldOfCondition_IsClassedAsReadingTheEntryAlone_OrItsCodes()
    {
        var condition = new ConditionType();
        // Names as the schema gives them (camel case); a field declared by expression is named after its member until then.
        var fields = condition.Fields.Select(field => CamelCaseNameConverter.Instance.NameForField(field.Name, condition)).Order(StringComparer.Ordinal);

        var classed = ConditionFields.ReadingTheEntryAlone.Union(ConditionFields.ReadingItsCodes).Where(name => name != "__typename");

        Assert.Equal(fields, classed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NoFieldOfCondition_IsClassedAsBoth() =>
        Assert.Empty(ConditionFields.ReadingTheEntryAlone.Intersect(ConditionFields.ReadingItsCodes));
}
