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
        { "clinicianOfA", """{ patients(first: 50, filter: { registers: [COPD] }) { totalCount edges { node { id impactability { signal words } activity(kind: EMERGENCY_ADMISSION) { date primaryDiagnosis ambulatoryCareSensitive } } } } }""" },
        { "analyst", """{ riskDistribution(model: "emergency-admission-12m", groupBy: PCN) { organisation { code } patients meanProbability tiers { tier patients percentage meanProbability } } }""" },
        { "clinicianOfA", """{ riskDistribution(model: "mortality-12m", groupBy: LOCAL_QUINTILE) { quintile patients meanProbability tiers { tier patients percentage meanProbability } } }""" },
        { "admin", """{ riskDistribution(model: "mortality-12m", groupBy: NATIONAL_QUINTILE) { quintile patients meanProbability tiers { tier patients meanProbability } } }""" },
        { "analyst", """{ segmentation(by: [PCN, NATIONAL_QUINTILE, LOCAL_QUINTILE]) { groups { pcn { code } nationalQuintile localQuintile patients suppression } cells { segment pcn { code } nationalQuintile localQuintile patients ratePerThousand suppression } } }""" },
        { "clinicianOfA", """{ segmentation(by: [AGE_BAND, SEX, PRACTICE]) { groups { ageBand sex practice { code name } patients } cells { segment ageBand sex practice { code } patients ratePerThousand } } }""" },
        { "analyst", """{ deprivationProfile(groupBy: PRACTICE) { group { code } patients suppression byNationalQuintile { patients suppression percentage } byLocalQuintile { patients suppression } outsideLocalAuthority { patients suppression } } }""" },
        { "analyst", """{ riskDistribution(model: "emergency-admission-12m", groupBy: PRACTICE) { organisation { code } patients suppression tiers { tier patients suppression percentage } } }""" },
        { "analyst", """{ inequality(measure: { registerPrevalence: HYPERTENSION }, quintiles: NATIONAL) { measure per groups { quintile numerator numeratorSuppression denominator crudeRate { value lower upper } standardisedRate { value lower upper } } overall { numerator denominator standardisedRate { value } } crude { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value lower upper } } standardised { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value } } } }""" },
        { "analyst", """{ inequality(measure: { activity: { kind: AE_ATTENDANCE, months: 12, count: EVENTS } }, quintiles: LOCAL, pcn: "U97340") { groups { numerator denominator crudeRate { value } standardisedRate { value lower upper } } standardised { slopeIndex { value } } } }""" },
        { "clinicianOfA", """{ inequality(measure: { mortality: { months: 12 } }, quintiles: NATIONAL) { groups { numerator denominator crudeRate { value lower upper } standardisedRate { value lower upper } } crude { rateRatio slopeIndex { value lower upper } } } }""" },
        { "admin", """{ inequality(measure: { activity: { kind: EMERGENCY_ADMISSION, months: 24, count: PEOPLE } }, quintiles: LOCAL) { groups { numerator denominator crudeRate { value lower upper } standardisedRate { value } } standardised { rateRatio absoluteGap slopeIndex { value lower upper } relativeIndex { value lower upper } } } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { all: [{ any: [{ register: { register: HEART_FAILURE } }, { register: { register: COPD, onset: { from: "2010-01-01" } } }] }, { activity: { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 1 } } }, { not: { careFlag: { kind: END_OF_LIFE_REGISTER } } }, { bedDays: { window: { lastMonths: 24 }, days: { atMost: 60 } } }] }) { count criteria members(first: 10, orderBy: RISK_DESC) { totalCount pageInfo { hasNextPage endCursor } items { patient { id } why { path criterion value held } } } } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { all: [{ age: { atLeast: 75 } }, { daysSinceLastEmergencyAdmission: { atMost: 365 } }, { nationalQuintiles: [1, 2] }, { risk: { model: "mortality-12m", minPercentile: 80 } }, { alive: true }] }) { count members(first: 5) { items { patient { id } why { text held } } } } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { any: [{ pcn: "U47004" }, { alive: false }] }) { count } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { all: [{ registerCount: { atLeast: 2, atMost: 4 } }, { age: { atLeast: 70 } }] }) { count members(first: 5) { items { patient { id } why { path text held } } } } }""" },
        { "clinicianOfA", """{ evaluateCohort(criteria: { impactability: AMBULATORY_CARE_SENSITIVE_ADMISSIONS }) { count members(first: 20) { items { patient { id impactability { signal words } } why { path text held } } } } }""" },
        { "analyst", """{ evaluateCohort(criteria: { all: [{ localQuintiles: [1] }, { register: { register: DIABETES, onset: { lastMonths: 24 } } }, { sex: FEMALE }, { ethnicGroups: [ASIAN, BLACK] }] }) { count countSuppression criteria } }""" },
        { "admin", """{ evaluateCohort(criteria: { any: [{ careFlag: { kind: HOUSEBOUND } }, { activity: { kind: AMBULANCE, window: { from: "2020-01-01", to: "2020-12-31" }, count: { atLeast: 2 } } }] }) { count countSuppression } }""" },
        { "clinicianOfA", """{ cohort(id: "bitterne-hiu-heart-failure") { id version name description owner builtIn criteriaJson parametersJson pcn { code name } evaluate { count members(first: 20) { totalCount edges { cursor node { patient { id } } } } } } }""" },
        { "analyst", """{ cohort(id: "central-proactive-case-management") { id version evaluate { count } } }""" },
        { "admin", """{ cohort(id: "west-proactive-case-management") { id pcn { code } evaluate { count } } }""" },
    };
}
