namespace Phm.Web.Vocabulary;

/// <summary>
/// The hub's enum values that the analyst forms offer, in their order, with their words (Display writes single values).
/// A value missing here (a newer hub) is shown as the hub spells it rather than hidden.
/// </summary>
public static class HubWords
{
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Registers = Pairs(
        ("ASTHMA", "Asthma"), ("ATRIAL_FIBRILLATION", "Atrial fibrillation"), ("CANCER", "Cancer"),
        ("CHRONIC_KIDNEY_DISEASE", "Chronic kidney disease"), ("COPD", "COPD"), ("CORONARY_HEART_DISEASE", "Coronary heart disease"),
        ("DEMENTIA", "Dementia"), ("DEPRESSION", "Depression"), ("DIABETES", "Diabetes"), ("EPILEPSY", "Epilepsy"),
        ("FRAILTY", "Frailty"), ("HEART_FAILURE", "Heart failure"), ("HYPERTENSION", "Hypertension"),
        ("LEARNING_DISABILITY", "Learning disability"), ("OBESITY", "Obesity"), ("OSTEOPOROSIS", "Osteoporosis"),
        ("PERSISTENT_PAIN", "Persistent pain"), ("SERIOUS_MENTAL_ILLNESS", "Serious mental illness"), ("STROKE_TIA", "Stroke or TIA"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> ActivityKinds = Pairs(
        ("GP_APPOINTMENT", "GP appointments"), ("NHS_111_CALL", "NHS 111 calls"), ("AMBULANCE", "Ambulance call-outs"),
        ("AE_ATTENDANCE", "A&E attendances"), ("EMERGENCY_ADMISSION", "Emergency admissions"),
        ("ELECTIVE_ADMISSION", "Elective admissions"), ("OUTPATIENT", "Outpatient appointments"),
        ("COMMUNITY_CONTACT", "Community contacts"), ("SOCIAL_CARE_CONTACT", "Social care contacts"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> Segments = Pairs(
        ("HEALTHY", "Healthy"), ("MATERNAL_AND_INFANT_HEALTH", "Maternal and infant health"), ("ACUTELY_ILL", "Acutely ill"),
        ("CHRONIC_CONDITIONS_LOW_COMPLEXITY", "Long-term conditions, low complexity"),
        ("CHRONIC_CONDITIONS_HIGH_COMPLEXITY", "Long-term conditions, high complexity"), ("DISABILITY", "Disability"),
        ("FRAILTY_AND_DEMENTIA", "Frailty and dementia"), ("INCURABLE_CANCER_AND_END_OF_LIFE", "Incurable cancer and end of life"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> EthnicGroups = Pairs(
        ("ASIAN", "Asian or Asian British"), ("BLACK", "Black or Black British"), ("MIXED", "Mixed"), ("OTHER", "Other"),
        ("WHITE", "White"), ("NOT_STATED", "Not stated"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> Sexes = Pairs(("FEMALE", "Female"), ("MALE", "Male"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> CareFlags = Pairs(
        ("CARE_PLAN", "Care plan"), ("CARER", "Carer"), ("HOUSEBOUND", "Housebound"), ("END_OF_LIFE_REGISTER", "End-of-life register"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> RiskTiers = Pairs(
        ("VERY_HIGH", "Very high"), ("HIGH", "High"), ("MODERATE", "Moderate"), ("LOW", "Low"));

    public static readonly IReadOnlyList<KeyValuePair<string, string>> ImpactabilitySignals = Pairs(
        ("AMBULATORY_CARE_SENSITIVE_ADMISSIONS", "Emergency admissions for ambulatory care sensitive conditions"),
        ("FREQUENT_URGENT_CARE_WITHOUT_REVIEW", "Frequent urgent care without a review of their condition"),
        ("LAST_YEAR_OF_LIFE_WITHOUT_END_OF_LIFE_REGISTER", "Likely last year of life, not on the end-of-life register"),
        ("TOP_RISK_WITHOUT_CARE_PLAN", "Top emergency-admission risk without a care plan"));

    /// <summary>IMD 2019 quintiles as the criteria name them ("1" … "5"), 1 the most deprived.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Quintiles =
        [.. Enumerable.Range(1, 5).Select(q => KeyValuePair.Create(q.ToString(System.Globalization.CultureInfo.InvariantCulture), Shared.Display.Quintile(q)))];

    /// <summary>The hub's age bands, as the patients' ageBand gives them.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> AgeBands =
        Pairs(Band("AGE_0_TO_17"), Band("AGE_18_TO_44"), Band("AGE_45_TO_64"), Band("AGE_65_TO_74"), Band("AGE_75_TO_84"), Band("AGE_85_AND_OVER"));

    /// <summary>The words for <paramref name="value"/> in <paramref name="vocabulary"/>, or the value itself.</summary>
    public static string Describe(this IReadOnlyList<KeyValuePair<string, string>> vocabulary, string? value) =>
        value is null ? "" : vocabulary.FirstOrDefault(p => p.Key == value).Value ?? value;

    private static (string Key, string Words) Band(string band) => (band, Shared.Display.AgeBand(band));

    private static List<KeyValuePair<string, string>> Pairs(params (string Key, string Words)[] pairs) =>
        pairs.Select(p => KeyValuePair.Create(p.Key, p.Words)).ToList();
}
