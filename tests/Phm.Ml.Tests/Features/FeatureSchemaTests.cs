using Phm.Data.Patients;
using Phm.Ml.Features;

namespace Phm.Ml.Tests.Features;

/// <summary>The one feature definition: its file, what makes a model's file unfit, and a value in words.</summary>
public sealed class FeatureSchemaTests
{
    private static readonly FeatureSchema Code = RiskFeatures.Schema;

    [Fact]
    public void TheSchema_WrittenToFeaturesJson_ReadsBackTheSame()
    {
        var json = Code.ToJson();
        var read = FeatureSchema.FromJson(json, "features.json");

        Assert.Null(Code.DescribeMismatch(read));
        Assert.Equal(Code.Hash, read.Hash);
        Assert.Equal(Code.Features, read.Features, (a, b) => a.Name == b.Name && a.Kind == b.Kind && a.Description == b.Description
            && a.Phrase == b.Phrase && a.AbsentPhrase == b.AbsentPhrase && (a.Categories ?? []).SequenceEqual(b.Categories ?? []));
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void FeaturesJson_IsStable() => Snapshot.Match(Code.ToJson());

    [Fact]
    public void TheSchema_HasEachFeatureOfTheIssue_InSlotOrder()
    {
        Assert.Equal(4 + 7 + 2 + 19 + 1 + 1 + 9 + 2 + 9 * 4 + 2 + 2 + 4, Code.Count);
        Assert.Equal(["age", "sex", "ethnic_group", "imd_score", "imd_income_decile"], Code.Names.Take(5));
        Assert.Equal("register_heart_failure", RiskFeatures.RegisterFeature(ConditionRegister.HeartFailure));
        Assert.Equal("nhs_111_call_3m", RiskFeatures.ActivityFeature(ActivityKind.Nhs111Call, 3));
        Assert.Equal("emergency_admission_per_year", RiskFeatures.RateFeature(ActivityKind.EmergencyAdmission));
        Assert.Equal(
            [
                "register_count", "urgent_care_ratio", "gp_appointment_per_year", "nhs_111_call_per_year", "ambulance_per_year", "ae_attendance_per_year",
                "emergency_admission_per_year", "elective_admission_per_year", "outpatient_per_year", "community_contact_per_year",
                "social_care_contact_per_year", "urgent_care_contacts_per_year", "planned_care_contacts_per_year", "gp_appointment_3m",
            ],
            Code.Names.Skip(Code.SlotOf("register_count")).Take(14));
        Assert.Equal(
            [
                "bed_days_12m", "days_since_emergency_admission", "urgent_care_contacts_24m", "planned_care_contacts_24m",
                "care_flag_end_of_life_register", "care_flag_care_plan", "care_flag_carer", "care_flag_housebound",
            ],
            Code.Names.TakeLast(8));
    }

    [Theory]
    [InlineData("emergency_admission_12m", 3, "3 emergency admissions in the last 12 months")]
    [InlineData("emergency_admission_12m", 1, "1 emergency admission in the last 12 months")]
    [InlineData("age", 82, "aged 82")]
    [InlineData("register_heart_failure", 1, "on the heart failure register")]
    [InlineData("register_heart_failure", 0, "not on the heart failure register")]
    [InlineData("ethnic_group", 3, "ethnic group Asian or Asian British")]
    [InlineData("imd_local_quintile", 0, "lives outside the local authority")]
    [InlineData("imd_score", 45.25f, "lives in a neighbourhood with IMD score 45.25")]
    [InlineData("urgent_care_contacts_24m", 7, "7 urgent care contacts (NHS 111, ambulance, A&E, emergency admission) in the last 24 months")]
    [InlineData("urgent_care_contacts_per_year", 3.5f, "3.5 urgent care contacts a year")]
    [InlineData("urgent_care_ratio", 2.35f, "urgent care 2.35 times the usual for age and sex")]
    [InlineData("emergency_admission_per_year", 0.7f, "0.7 emergency admissions a year")]
    public void AValue_ReadsInWords(string feature, float value, string words) =>
        Assert.Equal(words, Code.Features[Code.SlotOf(feature)].InWords(value));

    [Fact]
    public void AModelWithTheSameFeatures_Fits() =>
        Assert.Null(Code.DescribeMismatch(new FeatureSchema(RiskFeatures.Version, [.. Code.Features])));

    [Fact]
    public void AModelWithoutAFeature_IsNamedAsMissingIt()
    {
        var model = new FeatureSchema(RiskFeatures.Version, [.. Code.Features.Where(f => f.Name != "bed_days_12m")]);

        Assert.Equal($"feature 'bed_days_12m' (position {Code.SlotOf("bed_days_12m") + 1} in the code) is missing from the model's features.json", Code.DescribeMismatch(model));
    }

    [Fact]
    public void AModelWithAFeatureTheCodeDoesNotCompute_IsNamedWithIt()
    {
        var model = new FeatureSchema(RiskFeatures.Version, [.. Code.Features, new FeatureDefinition("polypharmacy_12m", FeatureKind.Numeric, "Distinct medicines.")]);

        Assert.Equal($"the model's features.json has feature 'polypharmacy_12m' (position {Code.Count + 1}), which the code does not compute", Code.DescribeMismatch(model));
    }

    [Fact]
    public void AModelWithFeaturesInAnotherOrder_IsNamedAsReordered()
    {
        var swapped = Code.Features.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);

        Assert.Equal("feature 'age' is at position 1 in the code but 2 in the model's features.json (reordered)",
            Code.DescribeMismatch(new FeatureSchema(RiskFeatures.Version, swapped)));
    }

    [Fact]
    public void AModelWhoseFeatureChangedKindOrCategories_IsNamedWithTheChange()
    {
        var kind = Code.Features.Select(f => f.Name == "register_count" ? f with { Kind = FeatureKind.Categorical } : f).ToList();
        var categories = Code.Features.Select(f => f.Name == "sex" ? f with { Categories = [new(1, "female")] } : f).ToList();

        Assert.Equal("feature 'register_count' is numeric in the code but categorical in the model's features.json",
            Code.DescribeMismatch(new FeatureSchema(RiskFeatures.Version, kind)));
        Assert.Equal("feature 'sex' has categories [1, 2] in the code but [1] in the model's features.json",
            Code.DescribeMismatch(new FeatureSchema(RiskFeatures.Version, categories)));
    }

    [Fact]
    public void AModelOfAnotherFeatureVersion_IsNamedWithBothVersions() =>
        Assert.Equal($"the model's features are version 0.9.0, the code's are version {RiskFeatures.Version}",
            Code.DescribeMismatch(new FeatureSchema("0.9.0", [.. Code.Features])));

    [Fact]
    public void RewordedDescriptions_StillFit()
    {
        var reworded = Code.Features.Select(f => f with { Description = "reworded", Phrase = "reworded {0}" }).ToList();

        Assert.Null(Code.DescribeMismatch(new FeatureSchema(RiskFeatures.Version, reworded)));
    }

    [Fact]
    public void AFileWhoseHashDoesNotMatchItsFeatures_IsRefusedNamingTheFile()
    {
        var edited = Code.ToJson().Replace("\"name\": \"age\"", "\"name\": \"age_years\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => FeatureSchema.FromJson(edited, "ml-models/x/1.0.0/features.json"));
        Assert.StartsWith($"ml-models/x/1.0.0/features.json: hash {Code.Hash} does not match its features", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"version": "1.0.0", "features": []}""")]
    [InlineData("""{"version": "1.0.0", "hash": "x", "features": [{"name": "age", "kind": "ordinal", "description": "d"}]}""")]
    public void AFileThatIsNotASchema_IsRefusedNamingTheFile(string json) =>
        Assert.StartsWith("model/features.json: not a feature schema", Assert.Throws<InvalidDataException>(() => FeatureSchema.FromJson(json, "model/features.json")).Message);
}
