namespace Phm.Data.Cohorts;

/// <summary>What is wrong with criteria, at a path in the tree such as <c>criteria.all[1].any</c>.</summary>
public sealed record CriteriaProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Criteria that cannot be evaluated, with every problem found.</summary>
public sealed class CohortCriteriaException(IReadOnlyList<CriteriaProblem> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<CriteriaProblem> Problems { get; } = problems;
}
