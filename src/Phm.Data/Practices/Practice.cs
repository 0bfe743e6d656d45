namespace Phm.Data.Practices;

/// <summary>A GP practice, identified by its ODS code.</summary>
public sealed class Practice
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Postcode { get; init; }

    /// <summary>Registered patients in the NHS Digital list-size extract the store was built from.</summary>
    public int ListSize { get; init; }

    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>OHID Fingertips indicator 93553: the practice population's IMD 2019 score, where published.</summary>
    public double? PublishedImdScore { get; init; }

    public List<PcnMembership> Memberships { get; init; } = [];
}
