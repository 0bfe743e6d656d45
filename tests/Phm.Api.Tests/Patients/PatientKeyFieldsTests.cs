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
    public void EveryFieldOfPatient_IsClassedAsReadingItsKeysAlone_OrTheWholeRow_NeverBoth() =>
        FieldClasses.AssertEveryFieldInExactlyOne(new PatientType(), PatientKeyFields.ReadingKeysAlone, PatientKeyFields.ReadingTheWholeRow);
}
