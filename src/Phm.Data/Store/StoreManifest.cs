namespace Phm.Data.Store;

/// <summary>
/// One row that says what a store was built from. It is written last, inside the build, so a store without it is incomplete.
/// </summary>
public sealed class StoreManifest
{
    public int Id { get; init; } = 1;
    public required string GeneratorVersion { get; init; }
    public int Seed { get; init; }
    public int Population { get; init; }
    public required string LocalAuthorityCode { get; init; }

    /// <summary>The date the population is described at: list sizes, PCN membership and ages are taken on this day.</summary>
    public DateOnly ReferenceDate { get; init; }

    public DateTimeOffset BuiltAtUtc { get; init; }
}
