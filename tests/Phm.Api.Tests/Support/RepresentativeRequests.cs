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
        { "clinicianOfA", """{ evaluateCohort(criteria: { all: [{ any: [{ register: { register: HEART_FAILURE } }, { register: { register: COPD, onset: { from: "2010-01-01" } } }] }, { activity: { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 1 } } }, { not: { careFlag: { kind: END_OF_LIFE_REGISTER } } }, { bedDays: { window: { lastMonths: 24 }, days: { atMost: 60 } } }] }) { count criteria members(first: 10, orderBy: RISK_DESC) { totalCount pageInfo { hasNextPage endCursor } items { patient { id } why { path criterion value held } } } } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { all: [{ age: { atLeast: 75 } }, { daysSinceLastEmergencyAdmission: { atMost: 365 } }, { nationalQuintiles: [1, 2] }, { risk: { model: "mortality-12m", minPercentile: 80 } }, { alive: true }] }) { count members(first: 5) { items { patient { id } why { text held } } } } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { any: [{ pcn: "U47004" }, { alive: false }] }) { count } }""" },
        { "analyst", """{ evaluateCohort(criteria: { all: [{ localQuintiles: [1] }, { register: { register: DIABETES, onset: { lastMonths: 24 } } }, { sex: FEMALE }, { ethnicGroups: [ASIAN, BLACK] }] }) { count countSuppressedReason criteria } }""" },
        { "admin", """{ evaluateCohort(criteria: { any: [{ careFlag: { kind: HOUSEBOUND } }, { activity: { kind: AMBULANCE, window: { from: "2020-01-01", to: "2020-12-31" }, count: { atLeast: 2 } } }] }) { count countSuppressedReason } }""" },
    };
}
