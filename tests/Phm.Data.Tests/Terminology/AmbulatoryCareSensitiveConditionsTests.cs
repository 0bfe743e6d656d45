using Phm.Data.Patients;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Terminology;

/// <summary>Which primary diagnoses make an emergency admission one for an ambulatory care sensitive condition.</summary>
public sealed class AmbulatoryCareSensitiveConditionsTests
{
    [Theory]
    [InlineData("J44.1", "COPD", AcscKind.Chronic)]            // a subcategory of a listed category
    [InlineData("J44", "COPD", AcscKind.Chronic)]              // the category itself
    [InlineData("I50.0", "heart failure", AcscKind.Chronic)]
    [InlineData("I11.0", "heart failure", AcscKind.Chronic)]   // a listed subcategory
    [InlineData("E11.6", "diabetes complications", AcscKind.Chronic)]
    [InlineData("J45.9", "asthma", AcscKind.Chronic)]
    [InlineData("N39.0", "kidney or urinary tract infection", AcscKind.Acute)]
    [InlineData("L03.1", "cellulitis", AcscKind.Acute)]
    [InlineData("K25.05", "perforated or bleeding ulcer", AcscKind.Acute)] // a fifth character extends its subcategory
    public void AListedCode_OrOneItExtends_IsAnAcsc_OfItsGroup(string code, string group, AcscKind kind) =>
        Assert.Equal(new AcscGroup(group, kind), AmbulatoryCareSensitiveConditions.GroupOf(code));

    [Theory]
    [InlineData("E11.9")]  // diabetes without complications: only E1x.0-E1x.8 are listed
    [InlineData("I11.1")]  // hypertensive heart disease is listed at I11.0 and I11.9 only
    [InlineData("J20.9")]  // acute bronchitis counts only with a secondary COPD diagnosis, which the store does not hold
    [InlineData("K25.3")]  // an ulcer neither perforated nor bleeding
    [InlineData("J18.9")]
    [InlineData("S72.0")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherDiagnoses_AndNone_AreNotAcscs(string? code)
    {
        Assert.Null(AmbulatoryCareSensitiveConditions.GroupOf(code));
        Assert.False(new Activity { Kind = ActivityKind.EmergencyAdmission, PrimaryDiagnosis = code }.AmbulatoryCareSensitive);
    }

    [Fact]
    public void AnActivitysFlag_IsSetFromItsPrimaryDiagnosis_ByTheCodeList() =>
        Assert.True(new Activity { Kind = ActivityKind.EmergencyAdmission, PrimaryDiagnosis = "I50.9" }.AmbulatoryCareSensitive);

    [Fact]
    public void TheList_HoldsTheChronicGroupsOf2_3_i_AndTheAcuteGroupsOf3a()
    {
        var groups = AmbulatoryCareSensitiveConditions.ListedCodes.Values.Distinct().ToLookup(g => g.Kind, g => g.Name);

        Assert.Equal(["COPD", "angina", "asthma", "atrial fibrillation", "dementia", "diabetes complications", "epilepsy and convulsions", "heart failure", "hypertension",
            "iron deficiency anaemia", "nutritional deficiency"], groups[AcscKind.Chronic].Order(StringComparer.Ordinal));
        Assert.Equal(["cellulitis", "dehydration and gastroenteritis", "dental conditions", "ear nose and throat infection", "gangrene", "kidney or urinary tract infection",
            "pelvic inflammatory disease", "perforated or bleeding ulcer"], groups[AcscKind.Acute].Order(StringComparer.Ordinal));
    }
}
