using Phm.Web.Account;

namespace Phm.Web.Shell;

/// <summary>A page in the navigation: where it is, what it is called, what it is for.</summary>
public sealed record NavLink(string Href, string Title, string Purpose);

/// <summary>The pages each role is offered, in order. One list, so the layout and the start page agree.</summary>
public static class AppNavigation
{
    private static readonly NavLink CohortBuilder =
        new("cohorts/builder", "Cohort builder", "Compose a cohort's criteria, see its count and who is in it as you edit, and save it.");

    public static IReadOnlyList<NavLink> For(string? role) => role switch
    {
        WebUser.Clinician =>
        [
            new("overview", "PCN overview", "Your PCN's population, deprivation, registers and risk against the city."),
            new("worklists", "One Team worklists", "The One Team cohorts and saved cohorts of your PCN, their members and why."),
            CohortBuilder,
        ],
        WebUser.Analyst or WebUser.Admin =>
        [
            new("segmentation", "Segmentation", "The population in the Bridges to Health segments, by age, sex, deprivation, PCN or practice."),
            new("inequality", "Inequality", "A measure across the deprivation quintiles: rates with intervals, the Q1/Q5 ratio and the slope index."),
            new("map", "Map", "Southampton's neighbourhoods shaded by deprivation or by a measure."),
            CohortBuilder,
        ],
        _ => [],
    };
}
