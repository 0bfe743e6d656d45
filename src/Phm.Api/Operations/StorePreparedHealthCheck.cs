using Microsoft.Extensions.Diagnostics.HealthChecks;
using Phm.Data.Store;

namespace Phm.Api.Operations;

/// <summary>Ready once this process has prepared the store (built it, or found a complete one from the same settings).</summary>
internal sealed class StorePreparedHealthCheck(PhmStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Prepared is null ? HealthCheckResult.Unhealthy("The store is not prepared yet.") : HealthCheckResult.Healthy());
}
