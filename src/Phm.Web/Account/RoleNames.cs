namespace Phm.Web.Account;

/// <summary>How the app names the hub's roles to people.</summary>
public static class RoleNames
{
    public static string Describe(string? role) => role switch
    {
        WebUser.Clinician => "Clinician (patients of one PCN)",
        WebUser.Analyst => "Analyst (aggregates under disclosure control)",
        WebUser.Admin => "Administrator (audit trail, exact aggregates)",
        _ => "No role",
    };
}
