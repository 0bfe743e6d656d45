namespace Phm.Data.Practices;

/// <summary>A Primary Care Network.</summary>
public sealed class Pcn
{
    public required string Code { get; init; }
    public required string Name { get; init; }
}
