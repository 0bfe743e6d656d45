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

/// <summary>A number of registers to list that is not 1 to the number of registers.</summary>
public sealed class TopRegistersOutOfRangeError(string argument, int first)
    : InvalidArgumentError(argument, $"list 1 to {Registers} registers, not {first}.", ErrorCode)
{
    public const string ErrorCode = "REGISTER_COUNT_OUT_OF_RANGE";

    public static readonly int Registers = Enum.GetValues<Phm.Data.Patients.ConditionRegister>().Length;

    public static void ThrowIfOutOfRange(string argument, int first)
    {
        if (first < 1 || first > Registers)
            throw new TopRegistersOutOfRangeError(argument, first);
    }
}
