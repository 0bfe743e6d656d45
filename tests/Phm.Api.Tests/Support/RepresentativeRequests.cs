namespace Phm.Api.Tests.Support;

/// <summary>One request per concern, with the caller that sends it; the PCN U47004 request is the one meant to be refused.</summary>
public static class RepresentativeRequests
{
    public static TheoryData<string, string> All => new()
    {
        { "clinicianOfA", """{ patients(first: 20, filter: { nationalQuintile: 1, registers: [HYPERTENSION] }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id age sex ethnicGroup birthYearMonth practice { code } lsoa { code localQuintile } conditions { register snomedCode onsetDate } } } } }""" },
        { "clinicianOfA", """{ patients(filter: { ageFrom: 65, ageTo: 74, sex: FEMALE, alive: true }) { totalCount } }""" },
        { "clinicianOfA", """{ patients(first: 5, filter: { practice: "J82101", registers: [COPD, DIABETES] }) { totalCount edges { node { id activityCounts { kind count } careFlags { kind recordedOn } } } } }""" },
        { "clinicianOfA", """{ patients(filter: { pcn: "U47004" }) { totalCount } }""" },
        { "clinicianOfA", """{ deprivationProfile(groupBy: PRACTICE) { group { code } patients } }""" },
        { "analyst", """{ deprivationProfile(groupBy: PCN) { group { code name } patients } }""" },
        { "analyst", """{ lsoas(filter: { localQuintile: 1 }) { code imdScore imdRank nationalQuintile population { total } } }""" },
        { "admin", """{ practices { code listSize pcn { code } pcnMemberships { pcn { code } validFrom validTo } } }""" },
        { "analyst", """{ riskModels { name version outcome learner trainedAt trainedOn evaluatedOn scoredOn scoredAt patientsScored metrics { auroc aurocLower aurocUpper auprc brier calibrationSlope calibrationIntercept oracleAuroc oracleBrier shareOfOracleAuroc } } }""" },
        { "clinicianOfA", """{ patients(first: 10, orderBy: RISK_DESC, filter: { registers: [HYPERTENSION], risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH, MODERATE], minPercentile: 85 } }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id risk(model: "emergency-admission-12m") { model version probability percentile tier contributions { feature words contribution } } death: risk(model: "mortality-12m") { probability tier } } } } }""" },
        { "analyst", """{ riskDistribution(model: "emergency-admission-12m", groupBy: PCN) { organisation { code } patients meanProbability tiers { tier patients percentage meanProbability } } }""" },
        { "clinicianOfA", """{ riskDistribution(model: "mortality-12m", groupBy: LOCAL_QUINTILE) { quintile patients meanProbability tiers { tier patients percentage meanProbability } } }""" },
        { "admin", """{ riskDistribution(model: "mortality-12m", groupBy: NATIONAL_QUINTILE) { quintile patients meanProbability tiers { tier patients meanProbability } } }""" },
        { "clinicianOfA", """{ cohort(id: "bitterne-hiu-heart-failure") { id version name description owner builtIn criteriaJson parametersJson pcn { code name } evaluate { count members(first: 20) { totalCount edges { cursor node { id } } } } } }""" },
        { "analyst", """{ cohort(id: "central-proactive-case-management") { id version evaluate { count } } }""" },
        { "admin", """{ cohort(id: "west-proactive-case-management") { id pcn { code } evaluate { count } } }""" },
    };
}
