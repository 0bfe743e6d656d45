using GraphQL.Types;

namespace Phm.Api.Governance;

public sealed class SuppressionReasonType : EnumerationGraphType<SuppressionReason>
{
    public SuppressionReasonType()
    {
        Name = "SuppressionReason";
        Description = "Why an analyst's count is null: SMALL_COUNT (1 to 7), or SECONDARY (hidden so that a small count beside it cannot be "
            + "worked out from a total and the other counts). See the README's Disclosure control.";
    }
}
