namespace Phm.Ml.Features;

/// <summary>
/// Walks a stream ordered by patient id beside the patients' own stream: for each patient asked for, in increasing id
/// order, applies that patient's rows and skips those of patients never asked for (the dead, the unborn).
/// </summary>
internal sealed class PatientCursor<T>(IAsyncEnumerable<T> rows, Func<T, int> patientIdOf, string streamName) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<T> _rows = rows.GetAsyncEnumerator();
    private bool _started;
    private bool _hasCurrent;
    private int _lastPatientId = int.MinValue;

    public async ValueTask ApplyAsync(int patientId, ArraySegment<float> features, Action<T, ArraySegment<float>> apply)
    {
        if (!_started)
        {
            _started = true;
            await MoveNextAsync();
        }
        while (_hasCurrent && patientIdOf(_rows.Current) < patientId)
            await MoveNextAsync();
        while (_hasCurrent && patientIdOf(_rows.Current) == patientId)
        {
            apply(_rows.Current, features);
            await MoveNextAsync();
        }
    }

    private async ValueTask MoveNextAsync()
    {
        _hasCurrent = await _rows.MoveNextAsync();
        if (!_hasCurrent)
            return;
        // A merge of unordered streams would silently drop rows; the queries order by patient id, so this never fires.
        var id = patientIdOf(_rows.Current);
        if (id < _lastPatientId)
            throw new InvalidOperationException($"The {streamName} rows are not in patient id order.");
        _lastPatientId = id;
    }

    public ValueTask DisposeAsync() => _rows.DisposeAsync();
}
