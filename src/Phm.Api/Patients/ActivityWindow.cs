using Phm.Data.Patients;

namespace Phm.Api.Patients;

/// <summary>Which of a patient's activity to read: one kind or all, within an optional period (both ends inclusive).</summary>
public sealed record ActivityWindow(ActivityKind? Kind, DateOnly? From, DateOnly? To)
{
    public void Validate()
    {
        if (From is { } from && To is { } to && from > to)
            throw new DateRangeInvalidError("from", from, to);
    }

    public IQueryable<Activity> Apply(IQueryable<Activity> activities)
    {
        if (Kind is { } kind)
            activities = activities.Where(a => a.Kind == kind);
        if (From is { } from)
            activities = activities.Where(a => a.Date >= from);
        if (To is { } to)
            activities = activities.Where(a => a.Date <= to);
        return activities;
    }
}

/// <summary>A patient's activity within a window: the key of the activity loaders, which read each distinct window in one query.</summary>
public readonly record struct PatientActivityKey(int PatientId, ActivityWindow Window)
{
    /// <summary>Loads each window of <paramref name="keys"/> with one call of <paramref name="fetchWindow"/> for all its patients.</summary>
    public static async Task<IReadOnlyDictionary<PatientActivityKey, TValue>> LoadByWindowAsync<TValue>(
        IReadOnlyCollection<PatientActivityKey> keys,
        Func<ActivityWindow, IReadOnlyCollection<int>, Task<IReadOnlyDictionary<int, TValue>>> fetchWindow)
    {
        var results = new Dictionary<PatientActivityKey, TValue>();
        foreach (var window in keys.GroupBy(k => k.Window))
        {
            var values = await fetchWindow(window.Key, [.. window.Select(k => k.PatientId)]);
            foreach (var (patientId, value) in values)
                results.Add(new PatientActivityKey(patientId, window.Key), value);
        }
        return results;
    }
}
