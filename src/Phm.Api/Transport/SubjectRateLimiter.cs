using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace Phm.Api.Transport;

/// <summary>
/// ASP.NET Core's fixed-window rate limiter, one window per subject: the user's <c>sub</c> claim when authenticated, else the client's IP.
/// Applied by the handler rather than as middleware, so that it covers GraphQL requests only and refuses them in the GraphQL error shape.
/// </summary>
internal sealed class SubjectRateLimiter(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>? limiter = options.PermitLimit <= 0 ? null : PartitionedRateLimiter.Create<HttpContext, string>(
        context => RateLimitPartition.GetFixedWindowLimiter(SubjectOf(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = options.Window,
            QueueLimit = 0,
        }));

    /// <summary>Throws a <see cref="RateLimitedError"/>, with <c>Retry-After</c> set on the response, if the subject's window is used up.</summary>
    public void Acquire(HttpContext context)
    {
        if (limiter is null)
            return;
        using var lease = limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
            return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
        context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        throw new RateLimitedError();
    }

    /// <summary>The hub's bearer authentication keeps the token's own claim names (<c>MapInboundClaims = false</c>), so the subject is <c>sub</c>.</summary>
    private static string SubjectOf(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { } sub ? "sub:" + sub : "ip:" + context.Connection.RemoteIpAddress;

    public void Dispose() => limiter?.Dispose();
}
