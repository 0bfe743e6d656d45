using Phm.Api.Governance;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

/// <summary>A field of a cohort's input that cannot be saved (an empty name, a description too long), named by its path.</summary>
public sealed class CohortInputInvalidError(string argument, string reason) : InvalidArgumentError(argument, reason, ErrorCode)
{
    public const string ErrorCode = "COHORT_INPUT_INVALID";

    /// <summary>The first problem of <paramref name="content"/>, at its path under <paramref name="input"/>, if any.</summary>
    public static void ThrowIfInvalid(CohortContent content, string input)
    {
        if (content.Problems() is [var first, ..])
            throw new CohortInputInvalidError($"{input}.{first.Path}", first.Message);
    }
}

/// <summary>No cohort has this id (said to analysts and administrators, who may see every cohort).</summary>
public sealed class CohortNotFoundError(string argument, string id, int? version)
    : InvalidArgumentError(argument, version is null ? $"no cohort has the id '{id}'." : $"cohort '{id}' has no version {version}.", ErrorCode)
{
    public const string ErrorCode = "COHORT_NOT_FOUND";
}

/// <summary>A retired cohort asked to change: it keeps its last version for the record, and a new cohort is saved instead.</summary>
public sealed class CohortRetiredError(string argument, string id)
    : InvalidArgumentError(argument, $"cohort '{id}' is retired; save a new cohort instead.", ErrorCode)
{
    public const string ErrorCode = "COHORT_RETIRED";
}

/// <summary>A cohort changed since <c>since</c>, with no evaluation at or before it to compare with.</summary>
public sealed class NoEvaluationSinceError(string argument, string id)
    : InvalidArgumentError(argument, $"cohort '{id}' has no evaluation at or before this time; record one with evaluateSavedCohort, then compare later.", ErrorCode)
{
    public const string ErrorCode = "NO_EVALUATION_SINCE";
}

/// <summary>Why a caller may not see or change a cohort: FORBIDDEN, before anything runs.</summary>
public static class CohortForbidden
{
    /// <summary>Said to a clinician for another PCN's cohort and for an id that does not exist alike, so the answer reveals nothing of other PCNs.</summary>
    public static ForbiddenError OutsidePcn(string argument, string pcn) =>
        new($"Argument '{argument}': no cohort with this id is saved for your PCN ({pcn}).");

    public static ForbiddenError OtherPcn(string argument, string pcn) =>
        new($"Argument '{argument}': your token lets you save cohorts for PCN {pcn} only.");

    public static ForbiddenError BuiltIn(string argument, string id) =>
        new($"Argument '{argument}': cohort '{id}' is built in; only administrators may revise or retire it. Save its criteria as a cohort of your own to change it.");
}
