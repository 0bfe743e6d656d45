using GraphQL.Types;

namespace Phm.Api.Deprivation;

/// <summary>What the patients of a deprivation profile are grouped by.</summary>
public enum DeprivationGrouping
{
    Pcn,
    Practice,
}

public sealed class DeprivationGroupingType : EnumerationGraphType<DeprivationGrouping>
{
    public DeprivationGroupingType()
    {
        Name = "DeprivationGrouping";
        Description = "What the patients of a deprivation profile are grouped by: PCN (membership at the store's reference date) or practice.";
    }
}
