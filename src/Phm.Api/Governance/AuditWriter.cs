using Microsoft.EntityFrameworkCore;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Governance;

/// <summary>
/// Saves the <see cref="AuditLog"/>'s queue every <see cref="FlushInterval"/> or <see cref="BatchSize"/> events, and what is
/// left on shutdown. A batch that fails to save is kept and tried again, so events are not dropped for a passing database error.
/// </summary>
public sealed class AuditWriter(AuditLog log, IDbContextFactory<PhmDbContext> contexts, TimeProvider time, ILogger<AuditWriter> logger)
    : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    public const int BatchSize = 500;

    /// <summary>How soon events that failed to save are tried again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    // Not disposed: a test host may be disposed before it is stopped, and the final flush in StopAsync still needs it
    // (a SemaphoreSlim whose wait handle is never used holds nothing to release).
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly List<AuditEvent> _unsaved = [];
    private int _unsavedCount;

    /// <summary>Saves every queued event now; tests call it to read the audit trail without waiting.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            while (log.Pending.TryRead(out var auditEvent))
                _unsaved.Add(auditEvent);
            if (_unsaved.Count == 0)
                return;
            await using var db = contexts.CreateDbContext();
            db.AuditEvents.AddRange(_unsaved);
            await db.SaveChangesAsync(cancellationToken);
            _unsaved.Clear();
        }
        finally
        {
            Volatile.Write(ref _unsavedCount, _unsaved.Count);
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Events left unsaved by a failure are tried again after RetryInterval, whether or not new ones come: after a database
        // outage nobody may read patients for a while, and the trail must not wait for them.
        while (HasUnsaved || await log.Pending.WaitToReadAsync(stoppingToken))
        {
            if (HasUnsaved)
                await Task.Delay(RetryInterval, time, stoppingToken);
            else if (log.Pending.Count < BatchSize)
                await Task.Delay(FlushInterval, time, stoppingToken);
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The message only: events and their subjects stay out of the log.
                logger.LogError("Saving {Count} audit events failed ({Error}); retrying in {Seconds} s.", _unsaved.Count, exception.GetType().Name, RetryInterval.TotalSeconds);
            }
        }
    }

    /// <summary>Read outside the lock: a stale answer only moves the next attempt by one interval.</summary>
    private bool HasUnsaved => Volatile.Read(ref _unsavedCount) > 0;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            await FlushAsync(cancellationToken);
        }
    }
}
