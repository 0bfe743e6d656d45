using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Store;
using Phm.Ml.Outcomes;

namespace Phm.Ml.Tests.Outcomes;

/// <summary>Labels look only at the outcome year (t, t + 1 year], counted in the database, for the patients alive on t.</summary>
public sealed class OutcomeLabelsTests
{
    private static readonly DateOnly Index = new(2019, 1, 1);
    private static readonly DateOnly YearEnd = new(2020, 1, 1);

    [SkippableTheory, ProviderData]
    public async Task EmergencyAdmission_CountsFromTheDayAfterTheIndexDate_ToOneYearLater(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var onIndexDate = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(onIndexDate, ActivityKind.EmergencyAdmission, Index);
        var dayAfter = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(dayAfter, ActivityKind.EmergencyAdmission, Index.AddDays(1));
        var lastDay = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(lastDay, ActivityKind.EmergencyAdmission, YearEnd);
        var tooLate = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(tooLate, ActivityKind.EmergencyAdmission, YearEnd.AddDays(1));
        var otherKind = await store.AddPatientAsync(1950, 3);
        await store.AddActivityAsync(otherKind, ActivityKind.AeAttendance, Index.AddMonths(6));

        var labels = await LabelsAsync(store, GeneratedOutcome.Activity(ActivityKind.EmergencyAdmission));

        Assert.Equal([false, true, true, false, false], new[] { onIndexDate, dayAfter, lastDay, tooLate, otherKind }.Select(p => labels[p]));
        Assert.Equal(GeneratedOutcome.YearEnd(Index), YearEnd);
    }

    [SkippableTheory, ProviderData]
    public async Task AtLeastN_NeedsThatManyEventsInTheYear(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var four = await store.AddPatientAsync(1990, 3);
        var five = await store.AddPatientAsync(1990, 3);
        for (var i = 1; i <= 5; i++)
        {
            await store.AddActivityAsync(five, ActivityKind.AeAttendance, Index.AddMonths(i));
            await store.AddActivityAsync(four, ActivityKind.AeAttendance, i == 5 ? Index : Index.AddMonths(i));
        }

        var labels = await LabelsAsync(store, GeneratedOutcome.Activity(ActivityKind.AeAttendance, 5));

        Assert.Equal([false, true], new[] { four, five }.Select(p => labels[p]));
    }

    [SkippableTheory, ProviderData]
    public async Task Death_InTheYearAfter_IsTheOutcome_AndThePatientsDeadOrUnbornOnTheIndexDateHaveNoLabel(DatabaseProvider provider)
    {
        await using var store = await FeatureStore.StartAsync(provider);
        var diesOnLastDay = await store.AddPatientAsync(1930, 3, dateOfDeath: YearEnd);
        var diesLater = await store.AddPatientAsync(1930, 3, dateOfDeath: YearEnd.AddDays(1));
        var diedOnIndexDate = await store.AddPatientAsync(1930, 3, dateOfDeath: Index);
        var bornLater = await store.AddPatientAsync(2019, 2);

        var labels = await LabelsAsync(store, GeneratedOutcome.Death);

        Assert.Equal([true, false], new[] { diesOnLastDay, diesLater }.Select(p => labels[p]));
        Assert.False(labels.ContainsKey(diedOnIndexDate));
        Assert.False(labels.ContainsKey(bornLater));
        Assert.Equal((await store.FeaturesAsync(Index)).Rows.Select(r => r.PatientId), labels.Keys);
    }

    private static async Task<IReadOnlyDictionary<int, bool>> LabelsAsync(FeatureStore store, GeneratedOutcome outcome)
    {
        await using var db = store.Store.CreateContext();
        return await OutcomeLabels.ReadAsync(db, outcome, Index, CancellationToken.None);
    }
}
