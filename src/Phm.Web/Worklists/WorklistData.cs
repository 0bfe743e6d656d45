namespace Phm.Web.Worklists;

// The shapes of the worklist operations' data, named as the hub names them.

public sealed record WorklistCohortsData(List<WorklistCohort> Cohorts);

public sealed record WorklistCohort(string Id, string Name, string? Description, bool BuiltIn, int Version, PcnRef? Pcn, Evaluation? LatestEvaluation);

public sealed record PcnRef(string Code, string Name);

public sealed record Evaluation(int? Count, DateTimeOffset EvaluatedAt);

public sealed record WorklistMembersData(WorklistDetail? Cohort);

public sealed record WorklistDetail(
    string Id, string Name, string? Description, bool BuiltIn, int Version, PcnPractices? Pcn, Evaluation? LatestEvaluation, CohortCount? Everyone, CohortEvaluation Evaluate);

public sealed record PcnPractices(List<PracticeRef> Practices);

/// <summary>The cohort's count before the worklist's filter (asked for only when a filter is on).</summary>
public sealed record CohortCount(int? Count);

public sealed record CohortEvaluation(int? Count, MemberConnection Members);

public sealed record MemberConnection(int? TotalCount, PageInfo PageInfo, List<MemberEdge> Edges);

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed record MemberEdge(string Cursor, Member Node);

public sealed record Member(MemberPatient Patient, List<WhyLine> Why);

public sealed record MemberPatient(string Id, string AgeBand, string Sex, PracticeRef Practice, LsoaQuintiles Lsoa, RiskScore? Risk);

public sealed record PracticeRef(string Code, string Name);

public sealed record LsoaQuintiles(int NationalQuintile, int? LocalQuintile);

public sealed record RiskScore(string Tier, double Probability);

public sealed record WhyLine(string Path, string Text, bool Held);

public static class WhyLines
{
    /// <summary>
    /// The lines a reader needs on screen: each predicate and each any/not, without the "All of n: n held" lines that
    /// only repeat that everything under them held (the CSV keeps every line).
    /// </summary>
    public static IEnumerable<WhyLine> Telling(IEnumerable<WhyLine> why) =>
        why.Where(line => !(line.Held && line.Path.EndsWith(".all", StringComparison.Ordinal)));
}

public sealed record WorklistChangesData(CohortChanges CohortChanges);

public sealed record CohortChanges(Evaluation From, Evaluation To, int? EnteredCount, int? LeftCount, List<ChangedPatient> Entered, List<ChangedPatient> Left);

public sealed record ChangedPatient(string Id, string AgeBand, PracticeName Practice);

public sealed record PracticeName(string Name);

public sealed record RecordReviewData(Evaluation EvaluateSavedCohort);

/// <summary>The orders the hub pages a cohort's members in (keyset pages, so sorting is the hub's, not the page's).</summary>
public static class MemberOrders
{
    public const string Risk = "RISK_DESC";
    public const string Impactability = "IMPACTABILITY_DESC";
    public const string Pseudonym = "ID";

    /// <summary>The model whose tier and probability the worklist shows and orders by.</summary>
    public const string AdmissionModel = "emergency-admission-12m";
}
