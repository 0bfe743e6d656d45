using Phm.Web.Account;

namespace Phm.Web.Shell;

/// <summary>A page in the navigation: where it is, what it is called, what it is for.</summary>
public sealed record NavLink(string Href, string Title, string Purpose);

/// <summary>The pages each role is offered, in order. One list, so the layout and the start page agree.</summary>
public static class AppNavigation
{
    public static IReadOnlyList<NavLink> For(string? role) => role switch
    {
        WebUser.Clinician =>
        [
            new("overview", "PCN overview", "Your PCN's population, deprivation, registers and risk against the city."),
            new("worklists", "One Team worklists", "The One Team cohorts and saved cohorts of your PCN, their members and why."),
        ],
        WebUser.Analyst or WebUser.Admin => [],
        _ => [],
    };
}
