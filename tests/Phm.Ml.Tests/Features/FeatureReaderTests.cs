using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Ml.Features;

namespace Phm.Ml.Tests.Features;

/// <summary>Features as of an index date, computed in the database: each value for hand-made patients, and nothing from after the day.</summary>
public sealed class FeatureReaderTests
{
    private static readonly DateOnly Index = new(2021, 1, 1);

    [SkippableTheory, ProviderData]
    public async Task ActivityCounts_CountTheMonthsBeforeTheIndexDate_FromTheWindowsFirstDayUpToTheDayBefore(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var patient = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddDays(-1), lengthOfStayDays: 3);   // every window
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddMonths(-3), lengthOfStayDays: 2);  // 3 months exactly
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddMonths(-12), lengthOfStayDays: 4); // 12 months exactly
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddMonths(-12).AddDays(-1), lengthOfStayDays: 8); // 24 only
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddMonths(-24).AddDays(-1));          // too early
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index, lengthOfStayDays: 9);                 // the index date: never
        await store.AddActivityAsync(patient, ActivityKind.ElectiveAdmission, Index.AddMonths(-6), lengthOfStayDays: 5);
        await store.AddActivityAsync(patient, ActivityKind.AeAttendance, Index.AddMonths(-6).AddDays(-1));
        await store.AddActivityAsync(patient, ActivityKind.AeAttendance, Index.AddMonths(-24));

        var features = await store.FeaturesAsync(Index);

        Assert.Equal(
            new Dictionary<string, float>
            {
                ["emergency_admission_3m"] = 2, ["emergency_admission_6m"] = 2, ["emergency_admission_12m"] = 3, ["emergency_admission_24m"] = 4,
                ["elective_admission_3m"] = 0, ["elective_admission_6m"] = 1, ["elective_admission_12m"] = 1, ["elective_admission_24m"] = 1,
                ["ae_attendance_3m"] = 0, ["ae_attendance_6m"] = 0, ["ae_attendance_12m"] = 1, ["ae_attendance_24m"] = 2,
                ["gp_appointment_24m"] = 0,
                ["bed_days_12m"] = 3 + 2 + 4 + 5,
                ["days_since_emergency_admission"] = 1,
            },
            ValuesOf(features, patient, "emergency_admission_3m", "emergency_admission_6m", "emergency_admission_12m", "emergency_admission_24m",
                "elective_admission_3m", "elective_admission_6m", "elective_admission_12m", "elective_admission_24m",
                "ae_attendance_3m", "ae_attendance_6m", "ae_attendance_12m", "ae_attendance_24m", "gp_appointment_24m",
                "bed_days_12m", "days_since_emergency_admission"));
    }

    [SkippableTheory, ProviderData]
    public async Task UrgentAndPlannedCare_ArePooledOver24Months_AndEachKindIsAlsoAYearlyRateOverTheStoresHistory(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var patient = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(patient, ActivityKind.AeAttendance, Index.AddYears(-5));          // the store's first record (the generator's first day): five years of history
        await store.AddActivityAsync(patient, ActivityKind.Nhs111Call, Index.AddMonths(-30));          // history, not 24 months
        await store.AddActivityAsync(patient, ActivityKind.Ambulance, Index.AddDays(-1));
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddMonths(-2));
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index);                  // the index date: never
        await store.AddActivityAsync(patient, ActivityKind.GpAppointment, Index.AddMonths(-1));
        await store.AddActivityAsync(patient, ActivityKind.Outpatient, Index.AddMonths(-30));
        var child = await store.AddPatientAsync(2017, 1);                                               // four years of history, from birth
        await store.AddActivityAsync(child, ActivityKind.AeAttendance, Index.AddMonths(-6));
        var baby = await store.AddPatientAsync(2020, 7);                                                // half a year of history: taken as a year
        await store.AddActivityAsync(baby, ActivityKind.Nhs111Call, Index.AddMonths(-3));
        await store.AddActivityAsync(baby, ActivityKind.AeAttendance, Index.AddMonths(-2));
        var none = await store.AddPatientAsync(1980, 1);

        var features = await store.FeaturesAsync(Index);

        string[] pooled = ["urgent_care_contacts_24m", "planned_care_contacts_24m", "urgent_care_contacts_per_year", "planned_care_contacts_per_year"];
        Assert.Equal(
            new Dictionary<string, float>
            {
                ["urgent_care_contacts_24m"] = 2, ["planned_care_contacts_24m"] = 1,
                ["urgent_care_contacts_per_year"] = 0.8f, ["planned_care_contacts_per_year"] = 0.4f,
            },
            ValuesOf(features, patient, pooled));
        // One of each in five years: 0.2 a year; the admission on the index date is not counted.
        Assert.All([ActivityKind.AeAttendance, ActivityKind.EmergencyAdmission, ActivityKind.Outpatient],
            kind => Assert.Equal(0.2f, features.ValueOf(RowOf(features, patient), RiskFeatures.RateFeature(kind))));
        // One in four years: 0.25 a year, to one decimal with halves up.
        Assert.Equal(0.3f, features.ValueOf(RowOf(features, child), RiskFeatures.RateFeature(ActivityKind.AeAttendance)));
        Assert.Equal(
            new Dictionary<string, float>
            {
                ["urgent_care_contacts_24m"] = 2, ["planned_care_contacts_24m"] = 0,
                ["urgent_care_contacts_per_year"] = 2, ["planned_care_contacts_per_year"] = 0,
            },
            ValuesOf(features, baby, pooled));
        Assert.Equal(1, features.ValueOf(RowOf(features, baby), RiskFeatures.RateFeature(ActivityKind.Nhs111Call)));
        Assert.All(pooled, name => Assert.Equal(0, features.ValueOf(RowOf(features, none), name)));
    }

    [SkippableTheory, ProviderData]
    public async Task UrgentCareRatio_SetsAPatientsUrgentCare_AgainstTheUsualForTheirAgeAndSex(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var frequent = await store.AddPatientAsync(1980, 1);
        for (var month = 1; month <= 12; month++)
            await store.AddActivityAsync(frequent, month % 2 == 0 ? ActivityKind.AeAttendance : ActivityKind.Nhs111Call, Index.AddMonths(-2 * month));
        var none = await store.AddPatientAsync(1980, 2);
        var planned = await store.AddPatientAsync(1980, 3);
        await store.AddActivityAsync(planned, ActivityKind.GpAppointment, Index.AddMonths(-1));

        var features = await store.FeaturesAsync(Index);

        var ratios = new[] { frequent, none, planned }.Select(p => features.ValueOf(RowOf(features, p), "urgent_care_ratio")).ToList();
        Assert.True(ratios[0] > 1, $"{ratios[0]}: 12 urgent care contacts in two years");
        Assert.True(ratios[1] < 1, $"{ratios[1]}: none");
        Assert.Equal(ratios[1], ratios[2]);
    }

    [SkippableTheory, ProviderData]
    public async Task DaysSinceTheLastEmergencyAdmission_AreCapped_AndACapWhenThereWasNone(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var recent = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(recent, ActivityKind.EmergencyAdmission, Index.AddDays(-40));
        await store.AddActivityAsync(recent, ActivityKind.EmergencyAdmission, Index.AddDays(-400));
        var longAgo = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(longAgo, ActivityKind.EmergencyAdmission, Index.AddMonths(-24));
        var never = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(never, ActivityKind.AeAttendance, Index.AddDays(-1));

        var features = await store.FeaturesAsync(Index);

        Assert.Equal([40, RiskFeatures.DaysSinceEmergencyAdmissionCap, RiskFeatures.DaysSinceEmergencyAdmissionCap],
            new[] { recent, longAgo, never }.Select(p => features.ValueOf(RowOf(features, p), "days_since_emergency_admission")));
    }

    [SkippableTheory, ProviderData]
    public async Task Demography_Deprivation_RegistersAndCareFlags_AreThoseOfTheIndexDate(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var patient = await store.AddPatientAsync(1950, 3, Sex.Male, EthnicGroup.Black);
        await store.AddConditionAsync(patient, ConditionRegister.HeartFailure, new(2015, 6, 1));
        await store.AddConditionAsync(patient, ConditionRegister.Asthma, Index);                       // diagnosed on the day: on it
        await store.AddConditionAsync(patient, ConditionRegister.Hypertension, new(2010, 1, 1));
        await store.AddConditionAsync(patient, ConditionRegister.Hypertension, new(2019, 1, 1), ConditionKind.Resolved);
        await store.AddCareFlagAsync(patient, CareFlagKind.Carer, Index);                              // recorded on the day: counts
        await store.AddCareFlagAsync(patient, CareFlagKind.Carer, new(2018, 1, 1));
        await store.AddCareFlagAsync(patient, CareFlagKind.Housebound, Index.AddDays(1));
        var child = await store.AddPatientAsync(2016, 2, inCity: false);
        await store.AddConditionAsync(child, ConditionRegister.Asthma, new(2020, 1, 1));               // too young (4) for the register

        var features = await store.FeaturesAsync(Index);

        var domains = RiskFeatures.DecilesInOrder(store.LsoaInCity.Domains);
        Assert.Equal(
            new Dictionary<string, float>
            {
                ["age"] = 70, ["sex"] = (int)Sex.Male, ["ethnic_group"] = (int)EthnicGroup.Black,
                ["imd_score"] = (float)store.LsoaInCity.ImdScore, ["imd_income_decile"] = domains[0], ["imd_living_environment_decile"] = domains[6],
                ["imd_national_quintile"] = store.LsoaInCity.NationalQuintile, ["imd_local_quintile"] = store.LsoaInCity.LocalQuintile!.Value,
                ["register_heart_failure"] = 1, ["register_asthma"] = 1, ["register_hypertension"] = 0, ["register_count"] = 2,
                ["care_flag_carer"] = 1, ["care_flag_housebound"] = 0, ["care_flag_end_of_life_register"] = 0,
                ["days_since_emergency_admission"] = RiskFeatures.DaysSinceEmergencyAdmissionCap, ["gp_appointment_12m"] = 0,
            },
            ValuesOf(features, patient, "age", "sex", "ethnic_group", "imd_score", "imd_income_decile", "imd_living_environment_decile",
                "imd_national_quintile", "imd_local_quintile", "register_heart_failure", "register_asthma", "register_hypertension", "register_count",
                "care_flag_carer", "care_flag_housebound", "care_flag_end_of_life_register", "days_since_emergency_admission", "gp_appointment_12m"));
        Assert.Equal(
            new Dictionary<string, float> { ["age"] = 4, ["imd_local_quintile"] = RiskFeatures.OutsideLocalAuthority, ["register_asthma"] = 0, ["register_count"] = 0 },
            ValuesOf(features, child, "age", "imd_local_quintile", "register_asthma", "register_count"));
    }

    [SkippableTheory, ProviderData]
    public async Task OnlyPatientsAliveAndBornOnTheIndexDate_HaveFeatures(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var alive = await store.AddPatientAsync(1950, 3);
        var diesNextDay = await store.AddPatientAsync(1950, 3, dateOfDeath: Index.AddDays(1));
        var diesOnTheDay = await store.AddPatientAsync(1950, 3, dateOfDeath: Index);
        var diedBefore = await store.AddPatientAsync(1950, 3, dateOfDeath: new(2020, 6, 1));
        var bornThatMonth = await store.AddPatientAsync(2021, 1);
        var bornLater = await store.AddPatientAsync(2021, 2);

        var features = await store.FeaturesAsync(Index);

        var ids = features.Rows.Select(r => r.PatientId).ToList();
        Assert.Equal([alive, diesNextDay, bornThatMonth], ids.Where(id => id >= alive));
        Assert.Equal(ids.Order(), ids);
        Assert.All(features.Rows, row => Assert.Equal(features.Schema.Count, row.Features.Count));
    }

    [SkippableTheory, ProviderData]
    public async Task EventsOnOrAfterTheIndexDate_ChangeNoFeature_OfAnyPatient(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var patient = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, Index.AddDays(-100), lengthOfStayDays: 4);
        await store.AddConditionAsync(patient, ConditionRegister.Copd, new(2018, 1, 1));
        await store.AddCareFlagAsync(patient, CareFlagKind.CarePlan, new(2019, 1, 1));
        var before = await store.FeaturesAsync(Index);

        foreach (var kind in Enum.GetValues<ActivityKind>())
        {
            await store.AddActivityAsync(patient, kind, Index, lengthOfStayDays: 7);
            await store.AddActivityAsync(patient, kind, Index.AddDays(1), lengthOfStayDays: 7);
        }
        await store.AddConditionAsync(patient, ConditionRegister.HeartFailure, Index.AddDays(1));
        await store.AddConditionAsync(patient, ConditionRegister.Copd, Index.AddDays(1), ConditionKind.Resolved);
        await store.AddCareFlagAsync(patient, CareFlagKind.EndOfLifeRegister, Index.AddDays(1));
        await store.RecordDeathAsync(patient, Index.AddDays(30));
        var after = await store.FeaturesAsync(Index);

        Assert.Equal(Flatten(before), Flatten(after));
        // The same events, once before a later index date, do change the patient's features: the test sees them.
        var later = await store.FeaturesAsync(Index.AddDays(20));
        Assert.Equal(
            new Dictionary<string, float>
            {
                ["emergency_admission_3m"] = 2, ["register_heart_failure"] = 1, ["register_copd"] = 0, ["care_flag_end_of_life_register"] = 1, ["bed_days_12m"] = 4 + 7 + 7 + 7 + 7,
                ["urgent_care_contacts_24m"] = 1 + 4 * 2,
            },
            ValuesOf(later, patient, "emergency_admission_3m", "register_heart_failure", "register_copd", "care_flag_end_of_life_register", "bed_days_12m", "urgent_care_contacts_24m"));
    }

    [SkippableTheory, ProviderData]
    public async Task OnTheReferenceDate_RegistersAreThoseTheStoreKeeps_OnOtherDaysTheRulesAnswer(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var patient = await store.AddPatientAsync(1950, 3);
        await store.AddConditionAsync(patient, ConditionRegister.HeartFailure, new(2015, 6, 1));
        await using (var db = store.Store.CreateContext())
            await db.RegistersHeld.Where(h => h.PatientId == patient).ExecuteDeleteAsync();   // the store no longer keeps it

        var keptByRuleAndDayAfter = await KeptByRuleAndDayAfterAsync(store, patient, "register_heart_failure");

        Assert.Equal([0, 1, 1], keptByRuleAndDayAfter);
    }

    [SkippableTheory, ProviderData]
    public async Task OnTheReferenceDate_ActivityIsWhatTheStoreKeeps_OnOtherDaysTheRuleAnswers(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var patient = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, store.ReferenceDate.AddDays(-10), lengthOfStayDays: 2);
        await using (var db = store.Store.CreateContext())
            await db.ActivityHistories.Where(h => h.PatientId == patient).ExecuteDeleteAsync();   // the store no longer keeps it

        var keptByRuleAndDayAfter = await KeptByRuleAndDayAfterAsync(store, patient, "emergency_admission_3m");

        Assert.Equal([0, 1, 1], keptByRuleAndDayAfter);
    }

    /// <summary>The patient's feature on the reference date as the store keeps it, by the rules, and on the day after.</summary>
    private static async Task<float[]> KeptByRuleAndDayAfterAsync(FeatureStore store, int patient, string feature)
    {
        var kept = await store.FeaturesAsync(store.ReferenceDate);
        var byRule = await store.Reader.ReadMatrixAsync(store.ReferenceDate, byRule: true, CancellationToken.None);
        var dayAfter = await store.FeaturesAsync(store.ReferenceDate.AddDays(1));
        return [.. new[] { kept, byRule, dayAfter }.Select(features => features.ValueOf(RowOf(features, patient), feature))];
    }

    [SkippableTheory, ProviderData]
    public async Task OnTheReferenceDate_TheActivityAndRegistersTheStoreKeeps_GiveEveryPatientTheFeaturesTheRulesGive(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider, population: 1_000);
        var day = store.ReferenceDate;
        var resolvedOnTheDayOfADiagnosis = await store.AddPatientAsync(1950, 3);
        await store.AddConditionAsync(resolvedOnTheDayOfADiagnosis, ConditionRegister.Hypertension, new(2012, 1, 1));
        await store.AddConditionAsync(resolvedOnTheDayOfADiagnosis, ConditionRegister.Hypertension, new(2012, 1, 1), ConditionKind.Resolved);
        var diagnosedAgainAfterAResolution = await store.AddPatientAsync(1950, 3);
        await store.AddConditionAsync(diagnosedAgainAfterAResolution, ConditionRegister.Depression, new(2010, 1, 1));
        await store.AddConditionAsync(diagnosedAgainAfterAResolution, ConditionRegister.Depression, new(2012, 1, 1), ConditionKind.Resolved);
        await store.AddConditionAsync(diagnosedAgainAfterAResolution, ConditionRegister.Depression, day);
        var nextMonth = day.AddMonths(1);
        var frailOnlyFromNextMonth = await store.AddPatientAsync(nextMonth.Year - 65, nextMonth.Month);
        await store.AddConditionAsync(frailOnlyFromNextMonth, ConditionRegister.Frailty, new(2019, 1, 1));
        var diedBefore = await store.AddPatientAsync(1940, 1, dateOfDeath: day.AddDays(-1));
        await store.AddConditionAsync(diedBefore, ConditionRegister.Copd, new(2015, 1, 1));
        await store.AddActivityAsync(resolvedOnTheDayOfADiagnosis, ActivityKind.AeAttendance, day);   // the day's own: counted from the day after
        await store.AddActivityAsync(resolvedOnTheDayOfADiagnosis, ActivityKind.AeAttendance, day.AddMonths(-3));   // the 3 months' first day

        var kept = await store.FeaturesAsync(day);
        var byRule = await store.Reader.ReadMatrixAsync(day, byRule: true, CancellationToken.None);

        var holders = byRule.Rows.Count(row => byRule.ValueOf(row, "register_count") > 0);
        Assert.True(holders > 200, $"{holders} of {byRule.Rows.Count} patients on a register");
        var urgentCareUsers = byRule.Rows.Count(row => byRule.ValueOf(row, "urgent_care_contacts_24m") > 0);
        Assert.True(urgentCareUsers > 100, $"{urgentCareUsers} of {byRule.Rows.Count} patients with urgent care");
        Assert.Equal(Flatten(byRule), Flatten(kept));
    }

    [SkippableFact]
    public async Task SqliteAndPostgres_ComputeTheSameFeatures_ForTheSameStore()
    {
        var onSqlite = await FeaturesOfTheSameStoreAsync(DatabaseProvider.Sqlite);
        var onPostgres = await FeaturesOfTheSameStoreAsync(DatabaseProvider.Postgres);

        Assert.True(onSqlite.Count > 250, $"{onSqlite.Count} rows");
        Assert.Equal(onSqlite, onPostgres);
    }

    /// <summary>A generated population with history, and a hand-made patient at every window edge.</summary>
    private static async Task<List<string>> FeaturesOfTheSameStoreAsync(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider, population: 300);
        var patient = await store.AddPatientAsync(1940, 12, inCity: false);
        foreach (var date in new[] { Index, Index.AddDays(-1), Index.AddMonths(-3), Index.AddMonths(-6), Index.AddMonths(-12), Index.AddMonths(-24) })
            await store.AddActivityAsync(patient, ActivityKind.EmergencyAdmission, date, lengthOfStayDays: 2);
        await store.AddConditionAsync(patient, ConditionRegister.Dementia, Index);
        await store.AddCareFlagAsync(patient, CareFlagKind.Housebound, Index);
        return Flatten(await store.FeaturesAsync(Index));
    }

    private static FeatureRow RowOf(FeatureMatrix features, int patientId) => features.Rows.Single(r => r.PatientId == patientId);

    private static Dictionary<string, float> ValuesOf(FeatureMatrix features, int patientId, params string[] names)
    {
        var row = RowOf(features, patientId);
        return names.ToDictionary(name => name, name => features.ValueOf(row, name));
    }

    /// <summary>One line per patient, every value with its name: a difference shows where it is.</summary>
    private static List<string> Flatten(FeatureMatrix features) =>
        [.. features.Rows.Select(r => $"{r.PatientId}: " + string.Join(", ", features.Schema.Features.Select((f, i) =>
            f.Name + "=" + r.Features[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture))))];
}
