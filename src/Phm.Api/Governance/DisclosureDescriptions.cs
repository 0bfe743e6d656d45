namespace Phm.Api.Governance;

/// <summary>How the schema describes counts under disclosure control.</summary>
internal static class DisclosureDescriptions
{
    public const string Rule = "For analysts: null when 1 to 7 (suppressed) or when it would reveal a suppressed count (secondary suppression; "
        + "its reason is given beside it), otherwise perturbed by its cell key and rounded to the nearest 5.";
    public const string WholeStoreTotal = "For analysts: null when 1 to 7, otherwise rounded to the nearest 5 (a total of the whole store, which no narrower count can be set against).";
    public const string Patients = "Number of patients. " + Rule;
    public const string Suppression = "Why the count is null for an analyst: SMALL_COUNT or SECONDARY; null when it is shown.";
    public const string Percentage = "Percentage of the group's patients, to one decimal place; for analysts computed from the rounded counts, null when suppressed.";
}
