using GraphQL.Validation;
using Phm.Data.Cohorts;
using Phm.Data.Governance;

namespace Phm.Api.Cohorts;

/// <summary>Finds the cohort a field's <c>id</c> (and <c>version</c>) names while the document is validated, refusing what the caller may not see.</summary>
internal static class SavedCohortLookup
{
    /// <summary>The cohort; null for a caller without a role, whom <see cref="Governance.FieldAccessRule"/> refuses without saying whether the id exists.</summary>
    public static async Task<CohortDefinition?> FindVisibleAsync(FieldArgumentsValidationContext context, bool withVersion = false)
    {
        var id = context.GetArgument<string>("id");
        var version = withVersion ? context.GetArgument<int?>("version") : null;
        var user = context.ValidationContext.User;
        if (PhmRoles.RoleOf(user) is null)
            return null;
        var definition = await context.RequestServices!.GetRequiredService<SavedCohorts>().FindAsync(id, version, context.CancellationToken);
        if (PhmRoles.RoleOf(user) == PhmRoles.Clinician)
            return definition is not null && SavedCohortAccess.MaySee(user, definition) ? definition : throw CohortForbidden.OutsidePcn("id", PhmRoles.PcnOf(user!)!);
        return definition ?? throw new CohortNotFoundError(withVersion && version is not null ? "version" : "id", id, version);
    }
}
