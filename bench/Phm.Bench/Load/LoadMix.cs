using Phm.Data.Cohorts;
using Phm.Data.Governance;
using Phm.Web.Hub;

namespace Phm.Bench.Load;

/// <summary>One kind of request in the mix: its document (the web app's own where it has one) and its variables for a user.</summary>
internal sealed record LoadQuery(string Name, string Document, Func<VirtualUser, Random, object?> Variables);

/// <summary>
/// One simulated user: a clinician of a PCN (with that PCN's One Team cohort and some of its patients' ids for the detail
/// view) or an analyst; its own subject, so the rate limit counts it apart as it would a person.
/// </summary>
internal sealed record VirtualUser(int Number, string Role, string? Pcn, string? CohortKey, string Token)
{
    public IReadOnlyList<string> PatientIds { get; set; } = [];
}

/// <summary>
/// What the load asks: clinicians of several PCNs browse the practice list, a filtered page of their patients, a patient's
/// detail, the deprivation profile, their PCN's One Team cohort (count, and its first page of members as the worklist shows
/// it) and risk (the PCN's distribution, and its patients in the two highest tiers highest risk first); analysts the
/// city-wide deprivation profile and risk distribution, and the practice list. Weights are requests per hundred.
/// </summary>
internal static class LoadMix
{
    public const string AdmissionModel = "emergency-admission-12m";

    /// <summary>PCNs whose clinicians are in the load, each with its first One Team cohort.</summary>
    public static readonly IReadOnlyList<string> Pcns = [OneTeamCohorts.Bitterne, OneTeamCohorts.LivingWell, OneTeamCohorts.WoolstonTownhill, OneTeamCohorts.Central];

    public static readonly LoadQuery PracticeList = new("practice list", "{ practices { code name listSize pcn { code name } } }", (_, _) => null);

    public static readonly LoadQuery PatientPage = new("patient page (quintile 1, heart failure)",
        """
        query PatientPage($pcn: String!) {
          patients(first: 50, filter: { pcn: $pcn, nationalQuintile: 1, registers: [HEART_FAILURE] }) {
            totalCount edges { cursor node { id age sex practice { code } lsoa { code nationalQuintile } conditions { register onsetDate } } }
          }
        }
        """,
        (user, _) => new { pcn = user.Pcn });

    public static readonly LoadQuery PatientDetail = new("patient detail", GraphQLOperation.Named("PatientSummary").Document,
        (user, random) => new { id = user.PatientIds[random.Next(user.PatientIds.Count)] });

    public static readonly LoadQuery DeprivationProfile = new("deprivation profile", GraphQLOperation.Named("OverviewPopulation").Document, (_, _) => null);

    public static readonly LoadQuery CohortCount = new("One Team cohort count",
        "query CohortCount($id: ID!) { cohort(id: $id) { evaluate { count } } }", (user, _) => new { id = user.CohortKey });

    public static readonly LoadQuery CohortMembers = new("One Team cohort first page", GraphQLOperation.Named("WorklistMembers").Document,
        (user, _) => new { id = user.CohortKey, first = 50, orderBy = "RISK_DESC", model = AdmissionModel });

    public static readonly LoadQuery RiskDistribution = new("riskDistribution", GraphQLOperation.Named("OverviewRisk").Document, (_, _) => new { model = AdmissionModel });

    public static readonly LoadQuery RiskPage = new("patients by RISK_DESC",
        """
        query RiskPage($model: String!) {
          patients(first: 50, filter: { risk: { model: $model, tiers: [VERY_HIGH, HIGH] } }, orderBy: RISK_DESC) {
            totalCount edges { cursor node { id practice { code } risk(model: $model) { probability percentile tier contributions { words } } } }
          }
        }
        """,
        (_, _) => new { model = AdmissionModel });

    public static readonly IReadOnlyList<LoadQuery> All = [PracticeList, PatientPage, PatientDetail, DeprivationProfile, CohortCount, CohortMembers, RiskDistribution, RiskPage];

    private static readonly (LoadQuery Query, int Weight)[] Clinician =
    [
        (PracticeList, 15), (PatientPage, 20), (PatientDetail, 25), (DeprivationProfile, 5),
        (CohortCount, 10), (CohortMembers, 10), (RiskDistribution, 5), (RiskPage, 10),
    ];

    private static readonly (LoadQuery Query, int Weight)[] Analyst = [(PracticeList, 20), (DeprivationProfile, 40), (RiskDistribution, 40)];

    /// <summary>One user in ten is an analyst; the rest clinicians, spread over <see cref="Pcns"/>.</summary>
    public static VirtualUser User(int number, Func<string, string, string?, string> issue)
    {
        if (number % 10 == 9)
            return new VirtualUser(number, PhmRoles.Analyst, null, null, issue($"load-analyst-{number}", PhmRoles.Analyst, null));
        var pcn = Pcns[number % Pcns.Count];
        var cohort = OneTeamCohorts.Defaults.First(c => c.PcnCode == pcn).Key;
        return new VirtualUser(number, PhmRoles.Clinician, pcn, cohort, issue($"load-clinician-{number}", PhmRoles.Clinician, pcn));
    }

    /// <summary>Each query with a user of each role that asks it, for timing them one at a time.</summary>
    public static IEnumerable<(LoadQuery Query, string Role)> Asked() =>
        Clinician.Select(c => (c.Query, PhmRoles.Clinician)).Concat(Analyst.Select(a => (a.Query, PhmRoles.Analyst)));

    public static LoadQuery Next(VirtualUser user, Random random)
    {
        var choices = user.Role == PhmRoles.Analyst ? Analyst : Clinician;
        var pick = random.Next(choices.Sum(c => c.Weight));
        foreach (var (query, weight) in choices)
        {
            if (pick < weight)
                return query;
            pick -= weight;
        }
        throw new InvalidOperationException("Weights exhausted.");
    }
}
