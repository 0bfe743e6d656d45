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
    public void EveryFieldOfCondition_IsClassedAsReadingTheEntryAlone_OrItsCodes_NeverBoth() =>
        FieldClasses.AssertEveryFieldInExactlyOne(new ConditionType(), ConditionFields.ReadingTheEntryAlone, ConditionFields.ReadingItsCodes);
}
