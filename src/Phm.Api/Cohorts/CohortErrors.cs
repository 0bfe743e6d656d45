using GraphQL;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

/// <summary>
/// One problem of cohort criteria (<see cref="CohortCriteriaValidation"/>): the message names its path in the tree, which
/// <c>extensions.argument</c> also gives (e.g. <c>criteria.all[1].any</c>), so a client can point at the node.
/// </summary>
public sealed class CohortCriteriaInvalidError : InvalidArgumentError
{
    public const string ErrorCode = "COHORT_CRITERIA_INVALID";

    public CohortCriteriaInvalidError(CriteriaProblem problem) : base(problem.Path, problem.Message, ErrorCode)
    {
        this.AddExtension("argument", problem.Path);
    }
}
