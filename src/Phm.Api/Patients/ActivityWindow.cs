using Phm.Data.Patients;

namespace Phm.Api.Patients;

/// <summary>A period of a patient's records: both ends inclusive, either may be open.</summary>
public sealed record DatePeriod(DateOnly? From, DateOnly? To)
{
    public void Validate()
    {
        if (From is { } from && To is { } to && from > to)
            throw new DateRangeInvalidError("from", from, to);
    }
}

/// <summary>Which of a patient's activity to read: one kind or all, within a period.</summary>
public sealed record ActivityWindow(ActivityKind? Kind, DatePeriod Period)
{
    public IQueryable<Activity> Apply(IQueryable<Activity> activities)
    {
        if (Kind is { } kind)
            activities = activities.Where(a => a.Kind == kind);
        if (Period.From is { } from)
            activities = activities.Where(a => a.Date >= from);
        if (Period.To is { } to)
            activities = activities.Where(a => a.Date <= to);
        return activities;
    }
}

/// <summary>A patient's records within a window: the key of the windowed loaders, which read each distinct window in one query.</summary>
public readonly record struct PatientWindowKey<TWindow>(int PatientId, TWindow Window) where TWindow : notnull;

public static class PatientWindowKey
{
    /// <summary>Loads each window of <paramref name="keys"/> with one call of <paramref name="fetchWindow"/> for all its patients.</summary>
    public static async Task<IReadOnlyDictionary<PatientWindowKey<TWindow>, TValue>> LoadByWindowAsync<TWindow, TValue>(
        IReadOnlyCollection<PatientWindowKey<TWindow>> keys,
        Func<TWindow, IReadOnlyCollection<int>, Task<IReadOnlyDictionary<int, TValue>>> fetchWindow) where TWindow : notnull
    {
        var results = new Dictionary<PatientWindowKey<TWindow>, TValue>();
        foreach (var window in keys.GroupBy(k => k.Window))
        {
            var values = await fetchWindow(window.Key, [.. window.Select(k => k.PatientId)]);
            foreach (var (patientId, value) in values)
                results.Add(new PatientWindowKey<TWindow>(patientId, window.Key), value);
        }
        return results;
    }
}
