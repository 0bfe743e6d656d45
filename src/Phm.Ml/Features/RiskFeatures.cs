using System.Text;
using Phm.Data.Geography;
using Phm.Data.Inequality;
using Phm.Data.Patients;
using static Phm.Data.Patients.PatientWords;

namespace Phm.Ml.Features;

/// <summary>
/// The risk models' features, as of an index date: demography, the neighbourhood's deprivation, registers, recent activity
/// and care flags (<see cref="FeatureReader"/> computes them). Each has a fixed slot; <see cref="Schema"/> lists them in slot order.
/// </summary>
public static class RiskFeatures
{
    /// <summary>Bump when a feature keeps its name but changes meaning; a new, removed or reordered feature shows without it.</summary>
    public const string Version = "1.2.0";

    /// <summary>
    /// Activity is counted in the months before the index date, each window [index - N months, index): the index date
    /// itself belongs to the outcome, never to the features.
    /// </summary>
    public static IReadOnlyList<int> WindowMonths => ActivityHistory.WindowMonths;

    public const int BedDaysMonths = ActivityHistory.BedDaysMonths;

    /// <summary>
    /// The window of the pooled contact counts: the longest. How often someone turns to urgent care is a trait of the
    /// person more than of the month, and the kinds are few events each; pooled over the longest window they estimate it best.
    /// </summary>
    public static int PooledContactsMonths => WindowMonths[^1];

    /// <summary>How the rates a year measure the history: in the descriptions of <c>features.json</c>.</summary>
    private const string HistoryYearsWords = "from its earliest activity record, or birth if later; at least a year, to one decimal";

    private const string HistoryWords = HistoryYearsWords + "; the rate to one decimal";

    /// <summary>Days since the last emergency admission are capped here (two years), and a patient with none in that time has the cap.</summary>
    public const int DaysSinceEmergencyAdmissionCap = 730;

    /// <summary>The code of <c>imd_local_quintile</c> for a patient whose LSOA is outside the local authority (which has no local quintiles).</summary>
    public const int OutsideLocalAuthority = 0;

    internal static ConditionRegister[] Registers { get; } = Enum.GetValues<ConditionRegister>();
    internal static ActivityKind[] ActivityKinds { get; } = Enum.GetValues<ActivityKind>();
    internal static CareFlagKind[] CareFlagKinds { get; } = Enum.GetValues<CareFlagKind>();

    /// <summary>The seven IMD domains, in the order of <see cref="DecilesInOrder"/>: name and words.</summary>
    private static readonly (string Name, string Words)[] Domains =
    [
        ("income", "income"), ("employment", "employment"), ("education", "education, skills and training"), ("health", "health and disability"),
        ("crime", "crime"), ("barriers_to_housing_and_services", "barriers to housing and services"), ("living_environment", "living environment"),
    ];

    internal static int[] DecilesInOrder(DomainDeciles d) =>
        [d.Income, d.Employment, d.Education, d.Health, d.Crime, d.BarriersToHousingAndServices, d.LivingEnvironment];

    // Slots, in schema order. ImdScore to LocalQuintile are one block: the reader copies an LSOA's figures at once.
    internal const int Age = 0;
    internal const int Sex = 1;
    internal const int EthnicGroup = 2;
    internal const int ImdScore = 3;
    internal const int FirstDomainDecile = 4;
    internal const int NationalQuintile = FirstDomainDecile + 7;
    internal const int LocalQuintile = NationalQuintile + 1;
    internal const int FirstRegister = LocalQuintile + 1;
    internal static readonly int RegisterCount = FirstRegister + Registers.Length;

    // The rates over the whole history come before the windowed counts on purpose. At the training date the history is
    // the longest window (two years), so a rate and its 24-month count split the patients alike, and LightGBM takes the
    // earlier feature of two equal splits: put first, the trees split on the rates, which see more history later on.
    // The urgent-care ratio (observed over expected for age and sex) leads them: the best single estimate of how often
    // the patient turns to urgent care (UrgentCareRatio).
    internal static readonly int UrgentCareRatioSlot = RegisterCount + 1;
    private static readonly int FirstRatePerYear = UrgentCareRatioSlot + 1;
    internal static readonly int UrgentCareRate = FirstRatePerYear + ActivityKinds.Length;
    internal static readonly int PlannedCareRate = UrgentCareRate + 1;
    private static readonly int FirstActivityCount = PlannedCareRate + 1;
    internal static readonly int BedDays = FirstActivityCount + ActivityKinds.Length * WindowMonths.Count;
    internal static readonly int DaysSinceEmergencyAdmission = BedDays + 1;
    internal static readonly int UrgentCareContacts = DaysSinceEmergencyAdmission + 1;
    internal static readonly int PlannedCareContacts = UrgentCareContacts + 1;
    private static readonly int FirstCareFlag = PlannedCareContacts + 1;
    private static readonly int Count = FirstCareFlag + CareFlagKinds.Length;

    internal static int RegisterSlot(int registerIndex) => FirstRegister + registerIndex;
    internal static int RatePerYearSlot(int kindIndex) => FirstRatePerYear + kindIndex;
    internal static int ActivityCountSlot(int kindIndex, int windowIndex) => FirstActivityCount + kindIndex * WindowMonths.Count + windowIndex;
    internal static int CareFlagSlot(int flagIndex) => FirstCareFlag + flagIndex;

    public static FeatureSchema Schema { get; } = BuildSchema();

    /// <summary>The feature name of a register's slot, e.g. <c>register_heart_failure</c>.</summary>
    public static string RegisterFeature(ConditionRegister register) => "register_" + SnakeCase(register.ToString());

    /// <summary>The feature name of an activity count, e.g. <c>emergency_admission_12m</c>.</summary>
    public static string ActivityFeature(ActivityKind kind, int months) => $"{SnakeCase(kind.ToString())}_{months}m";

    /// <summary>The feature name of a kind's yearly rate over the history, e.g. <c>emergency_admission_per_year</c>.</summary>
    public static string RateFeature(ActivityKind kind) => $"{SnakeCase(kind.ToString())}_per_year";

    public static string CareFlagFeature(CareFlagKind flag) => "care_flag_" + SnakeCase(flag.ToString());

    private static FeatureSchema BuildSchema()
    {
        var features = new FeatureDefinition?[Count];
        void Put(int slot, FeatureDefinition feature) =>
            features[slot] = features[slot] is null ? feature : throw new InvalidOperationException($"Slot {slot} holds two features.");

        Put(Age, new("age", FeatureKind.Numeric, "Age in whole years on the index date (from the birth month; the day is not stored).", "aged {0}"));
        Put(Sex, new("sex", FeatureKind.Categorical, "Sex as recorded.",
            Categories: [new((int)Data.Patients.Sex.Female, "female"), new((int)Data.Patients.Sex.Male, "male")]));
        Put(EthnicGroup, new("ethnic_group", FeatureKind.Categorical, "Ethnic group, the five high-level ONS 2011 census groups or not stated.",
            Categories: [.. Enum.GetValues<EthnicGroup>().Select(g => new FeatureCategory((int)g, g.Words()))]));
        Put(ImdScore, new("imd_score", FeatureKind.Numeric, "IMD 2019 score of the patient's LSOA (higher is more deprived).",
            "lives in a neighbourhood with IMD score {0}"));
        for (var i = 0; i < Domains.Length; i++)
        {
            Put(FirstDomainDecile + i, new($"imd_{Domains[i].Name}_decile", FeatureKind.Numeric,
                $"National decile of the LSOA in the IMD 2019 {Domains[i].Words} domain (1 = most deprived tenth).",
                $"lives in a neighbourhood in national {Domains[i].Words} deprivation decile {{0}} (1 = most deprived)"));
        }
        Put(NationalQuintile, new("imd_national_quintile", FeatureKind.Numeric, "National IMD 2019 quintile of the LSOA (1 = most deprived fifth of England).",
            "lives in national IMD quintile {0} (1 = most deprived)"));
        Put(LocalQuintile, new("imd_local_quintile", FeatureKind.Categorical,
            $"Quintile of the LSOA's IMD rank within the local authority (1 = most deprived fifth); {OutsideLocalAuthority} outside it.",
            Categories:
            [
                new(OutsideLocalAuthority, "lives outside the local authority"),
                .. Enumerable.Range(1, 5).Select(q => new FeatureCategory(q, $"lives in the local authority's IMD quintile {q}{(q == 1 ? " (most deprived)" : "")}")),
            ]));
        for (var i = 0; i < Registers.Length; i++)
        {
            var words = Registers[i].Words();
            Put(RegisterSlot(i), new(RegisterFeature(Registers[i]), FeatureKind.Binary,
                $"On the {words} register on the index date (RegisterRules: age limit, diagnoses and resolutions up to that day).",
                $"on the {words} register", $"not on the {words} register"));
        }
        Put(RegisterCount, new("register_count", FeatureKind.Numeric, "Number of registers the patient is on on the index date.", "on {0} register{s}"));
        Put(UrgentCareRatioSlot, new("urgent_care_ratio", FeatureKind.Numeric,
            $"Contacts with urgent and emergency care (NHS 111 calls, ambulance call-outs, A&E attendances and emergency admissions) over the history the store holds before the index date ({HistoryYearsWords}), against those expected at the patient's age and sex: the living population's contacts per year in the same {EuropeanStandardPopulation.BandYears}-year age band (the last {EuropeanStandardPopulation.OldestBand * EuropeanStandardPopulation.BandYears} and over) and sex over the same history, times the years observed. Shrunk towards 1 by empirical Bayes, (observed + a) / (expected + a), a estimated from the population's overdispersion; to two decimals.",
            "urgent care {0} times the usual for age and sex"));
        for (var k = 0; k < ActivityKinds.Length; k++)
        {
            var noun = ActivityKinds[k].Words();
            Put(RatePerYearSlot(k), new(RateFeature(ActivityKinds[k]), FeatureKind.Numeric,
                $"Number of {noun}s a year over the history the store holds before the index date ({HistoryWords}).",
                $"{{0}} {noun}{{s}} a year"));
        }
        Put(UrgentCareRate, new("urgent_care_contacts_per_year", FeatureKind.Numeric,
            $"Contacts with urgent and emergency care (NHS 111 calls, ambulance call-outs, A&E attendances and emergency admissions) a year over the history the store holds before the index date ({HistoryWords}).",
            "{0} urgent care contacts a year"));
        Put(PlannedCareRate, new("planned_care_contacts_per_year", FeatureKind.Numeric,
            $"Contacts with planned care (GP and outpatient appointments, elective admissions, community and social care contacts) a year over the history the store holds before the index date ({HistoryWords}).",
            "{0} planned care contacts a year"));
        for (var k = 0; k < ActivityKinds.Length; k++)
        {
            var noun = ActivityKinds[k].Words();
            for (var w = 0; w < WindowMonths.Count; w++)
            {
                Put(ActivityCountSlot(k, w), new(ActivityFeature(ActivityKinds[k], WindowMonths[w]), FeatureKind.Numeric,
                    $"Number of {noun}s in the {WindowMonths[w]} months before the index date.",
                    $"{{0}} {noun}{{s}} in the last {WindowMonths[w]} months"));
            }
        }
        Put(BedDays, new($"bed_days_{BedDaysMonths}m", FeatureKind.Numeric,
            $"Nights in hospital: the lengths of stay of emergency and elective admissions in the {BedDaysMonths} months before the index date, summed.",
            $"{{0}} bed day{{s}} in the last {BedDaysMonths} months"));
        Put(DaysSinceEmergencyAdmission, new("days_since_emergency_admission", FeatureKind.Numeric,
            $"Days from the last emergency admission before the index date to the index date, capped at {DaysSinceEmergencyAdmissionCap}; {DaysSinceEmergencyAdmissionCap} when there was none in that time.",
            "last emergency admission {0} day{s} before"));
        var pooled = PooledContactsMonths;
        Put(UrgentCareContacts, new($"urgent_care_contacts_{pooled}m", FeatureKind.Numeric,
            $"Contacts with urgent and emergency care (NHS 111 calls, ambulance call-outs, A&E attendances and emergency admissions) in the {pooled} months before the index date, together.",
            $"{{0}} urgent care contact{{s}} (NHS 111, ambulance, A&E, emergency admission) in the last {pooled} months"));
        Put(PlannedCareContacts, new($"planned_care_contacts_{pooled}m", FeatureKind.Numeric,
            $"Contacts with planned care (GP and outpatient appointments, elective admissions, community and social care contacts) in the {pooled} months before the index date, together.",
            $"{{0}} planned care contact{{s}} (GP, outpatient, elective, community and social care) in the last {pooled} months"));
        for (var i = 0; i < CareFlagKinds.Length; i++)
        {
            var (present, absent) = CareFlagKinds[i].Words();
            Put(CareFlagSlot(i), new(CareFlagFeature(CareFlagKinds[i]), FeatureKind.Binary,
                $"Care flag recorded on or before the index date: {present}.", present, absent));
        }

        var empty = Array.IndexOf(features, null);
        if (empty >= 0)
            throw new InvalidOperationException($"Slot {empty} has no feature.");
        return new FeatureSchema(Version, features!);
    }

    /// <summary>HeartFailure → heart_failure, Nhs111Call → nhs_111_call.</summary>
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var startsWord = i > 0 && (char.IsUpper(name[i]) || (char.IsDigit(name[i]) && !char.IsDigit(name[i - 1])));
            if (startsWord)
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
