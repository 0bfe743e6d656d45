namespace Phm.Data.Terminology;

/// <summary>
/// What counts as a long-term condition review: a procedure (<see cref="Patients.Procedure"/>) coded with one of these
/// SNOMED CT concepts. The store has no review records of its own, and reviews are what a practice codes when it does
/// one, so they arrive as procedures (<c>procedures.csv</c>, FHIR Procedure). [U] A short local list written from memory,
/// each code checked only for its form: the intended source is NHS England's PCD review clusters (the QOF annual review
/// codes of each register), which the collected code lists do not hold yet. The generated population records no reviews.
/// </summary>
public static class LongTermConditionReviews
{
    public const string Version = "ltc-reviews.v1";

    /// <summary>The review codes, each with its term.</summary>
    public static readonly IReadOnlyDictionary<string, string> Codes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["394703002"] = "Chronic obstructive pulmonary disease annual review",
        ["394700004"] = "Asthma annual review",
        ["270442000"] = "Asthma monitoring check done",
    };
}
