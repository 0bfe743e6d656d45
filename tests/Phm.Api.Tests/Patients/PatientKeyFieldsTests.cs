using GraphQL.Conversion;
using Phm.Api.Patients;

namespace Phm.Api.Tests.Patients;

/// <summary>
/// A page whose patients are asked only for fields answered from their keys reads those columns alone (<c>PatientKeyFields</c>); every
/// other field needs the whole row. So each field of Patient is classed as one or the other, never both: a field added to Patient
/// unclassed fails here rather than being answered from a patient read as its keys, whose other columns hold defaults.
/// </summary>
public sealed class PatientKeyFieldsTests
{
    [Fact]
    public void EveryFieldOfPatient_IsClassedAsReadingItsKeysAlone_OrTheWholeRow()
    {
        var patient = new PatientType();
        // Names as the schema gives them (camel case); a field declared by expression is named after its member until then.
        var fields = patient.Fields.Select(field => CamelCaseNameConverter.Instance.NameForField(field.Name, patient)).Order(StringComparer.Ordinal);

        var classed = PatientKeyFields.ReadingKeysAlone.Union(PatientKeyFields.ReadingTheWholeRow).Where(name => name != "__typename");

        Assert.Equal(fields, classed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NoFieldOfPatient_IsClassedAsBoth() =>
        Assert.Empty(PatientKeyFields.ReadingKeysAlone.Intersect(PatientKeyFields.ReadingTheWholeRow));
}
