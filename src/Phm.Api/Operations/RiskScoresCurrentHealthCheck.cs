using Microsoft.Extensions.Diagnostics.HealthChecks;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Api.Operations;

/// <summary>
/// Ready while the stored risk scores are those of the hub's current models: unhealthy, naming each model and why, while a
/// model version is not scored (a new version arrives, or the store was rebuilt), until <see cref="RiskScoring"/> has run.
/// </summary>
internal sealed class RiskScoresCurrentHealthCheck(PhmStore store, RiskScoring scoring) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Prepared is null)
            return HealthCheckResult.Unhealthy("Risk scores wait for the store to be prepared.");
        var stale = await scoring.FindStaleAsync(cancellationToken);
        return stale.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Risk scores are not current: {string.Join("; ", stale.Select(s => s.Reason))}.");
    }
}
