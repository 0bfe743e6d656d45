using GraphQL.Validation;
using Phm.Api.Governance;
using Phm.Data.Cohorts;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

/// <summary>Checks criteria given as an argument before anything runs, for every field that takes them.</summary>
public static class CohortCriteriaArgument
{
    /// <summary>
    /// Reports every problem of <paramref name="criteria"/> as its own <see cref="CohortCriteriaInvalidError"/> (paths under
    /// <paramref name="argument"/>); criteria without problems that name another PCN, or a practice outside the clinician's PCN,
    /// anywhere in the tree, are refused with FORBIDDEN. Returns whether the criteria may be evaluated.
    /// </summary>
    public static async Task<bool> ValidateAsync(FieldArgumentsValidationContext context, CohortCriteria criteria, string argument = CohortCriteriaValidation.Root)
    {
        var db = context.RequestServices!.GetRequiredService<PhmDbContext>();
        var problems = await CohortCriteriaValidation.ProblemsAsync(criteria, db, context.CancellationToken, argument);
        foreach (var problem in problems)
            context.ReportError(new CohortCriteriaInvalidError(problem));
        if (problems.Count > 0)
            return false;
        await PcnScopeArguments.RefuseOutsideAsync(context, CohortCriteriaValidation.Leaves(criteria, argument)
            .Where(l => l.Node.Pcn is not null || l.Node.Practice is not null)
            .Select(l => l.Node.Pcn is { } pcn ? ($"{l.Path}.pcn", (string?)pcn, (string?)null) : ($"{l.Path}.practice", null, l.Node.Practice)));
        return true;
    }
}
