namespace Phm.Web.CohortBuilder;

/// <summary>What each predicate is called in the builder's "Add a condition" list.</summary>
public static class PredicateWords
{
    public static readonly IReadOnlyList<KeyValuePair<PredicateKind, string>> Kinds =
    [
        new(PredicateKind.Register, "On a register"),
        new(PredicateKind.RegisterCount, "Number of registers"),
        new(PredicateKind.Activity, "Contacts with a service"),
        new(PredicateKind.BedDays, "Bed days"),
        new(PredicateKind.DaysSinceLastEmergencyAdmission, "Days since last emergency admission"),
        new(PredicateKind.Risk, "Risk score"),
        new(PredicateKind.Impactability, "Impactability signal"),
        new(PredicateKind.CareFlag, "Care flag"),
        new(PredicateKind.Age, "Age"),
        new(PredicateKind.Sex, "Sex"),
        new(PredicateKind.NationalQuintiles, "National deprivation quintile"),
        new(PredicateKind.LocalQuintiles, "Local deprivation quintile"),
        new(PredicateKind.EthnicGroups, "Ethnic group"),
        new(PredicateKind.Alive, "Alive or died"),
        new(PredicateKind.Pcn, "PCN"),
        new(PredicateKind.Practice, "Practice"),
        new(PredicateKind.Lsoa, "Neighbourhood (LSOA)"),
    ];

    public static string Describe(PredicateKind kind) => Kinds.First(k => k.Key == kind).Value;
}
