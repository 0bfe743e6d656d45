using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Cohorts;

/// <summary>
/// The One Team cohorts of Southampton's strategy, one definition per PCN that runs it, built in: owned by
/// <see cref="CohortDefinition.BuiltInOwner"/>, scoped to their PCN, with their thresholds as parameters. Each rule, and the source
/// of each default, is in the README ("One Team cohorts"); everyone in them is alive at the reference date.
/// </summary>
public static class OneTeamCohorts
{
    public const string Bitterne = "U97340";
    public const string LivingWell = "U08561";
    /// <summary>Woolston &amp; Townhill, which also holds St Peters Surgery (J82208), the persistent pain cohort's practice.</summary>
    public const string WoolstonTownhill = "U53997";
    public const string North = "U91385";
    public const string Central = "U18986";
    public const string West = "U47004";

    public const string MortalityModel = "death-12m";
    public const string EmergencyAdmissionModel = "emergency-admission-12m";

    /// <summary>High intensity use: at least <see cref="MinAeAttendances"/> A&amp;E attendances in the last <see cref="WindowMonths"/> months.</summary>
    public sealed record HighIntensityUse(int MinAeAttendances = 5, int WindowMonths = 12);

    /// <summary>Complexity beside the learning disability register: at least <see cref="MinOtherRegisters"/> other registers, or an emergency admission.</summary>
    public sealed record LearningDisabilityComplexity(int MinOtherRegisters = 2, int MinEmergencyAdmissions = 1, int WindowMonths = 12);

    /// <summary>High use of care beside the persistent pain register: GP appointments or A&amp;E attendances in the window.</summary>
    public sealed record PersistentPainUse(int MinGpAppointments = 12, int MinAeAttendances = 3, int WindowMonths = 12);

    /// <summary>Likely last year of life: on the end-of-life register, or in these tiers of the mortality model.</summary>
    public sealed record LastYearOfLife(string Model = MortalityModel, IReadOnlyList<RiskTier>? Tiers = null)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<RiskTier> TiersOrDefault => Tiers ?? [RiskTier.VeryHigh, RiskTier.High];
    }

    /// <summary>Proactive case management: these tiers of the emergency admission model (VERY_HIGH is the top 0.5% by default).</summary>
    public sealed record CaseManagement(string Model = EmergencyAdmissionModel, IReadOnlyList<RiskTier>? Tiers = null)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<RiskTier> TiersOrDefault => Tiers ?? [RiskTier.VeryHigh];
    }

    /// <summary>Every built-in definition with its default parameters, in a fixed order.</summary>
    public static IReadOnlyList<BuiltInCohort> Defaults { get; } =
    [
        HiuWith(Bitterne, "bitterne-hiu-heart-failure", "heart failure", new HighIntensityUse(), Register(ConditionRegister.HeartFailure)),
        HiuWith(LivingWell, "living-well-hiu-respiratory", "respiratory disease (asthma or COPD)", new HighIntensityUse(),
            CohortCriteria.AnyOf(Register(ConditionRegister.Asthma), Register(ConditionRegister.Copd))),
        LearningDisabilityWithComplexity(WoolstonTownhill, "woolston-townhill-ld-complexity", new LearningDisabilityComplexity()),
        PersistentPain(WoolstonTownhill, "woolston-townhill-persistent-pain", new PersistentPainUse()),
        EndOfLife(North, "north-end-of-life", new LastYearOfLife()),
        ProactiveCaseManagement(Central, "central-proactive-case-management", new CaseManagement()),
        ProactiveCaseManagement(West, "west-proactive-case-management", new CaseManagement()),
    ];

    public static BuiltInCohort HiuWith(string pcn, string key, string condition, HighIntensityUse p, CohortCriteria register) => new(
        key, pcn, $"High intensity users of urgent care with {condition}",
        $"Alive, with {condition}, and {p.MinAeAttendances} or more A&E attendances in the last {p.WindowMonths} months (a high intensity user).",
        p, Alive(register, Activity(ActivityKind.AeAttendance, p.WindowMonths, p.MinAeAttendances)));

    public static BuiltInCohort LearningDisabilityWithComplexity(string pcn, string key, LearningDisabilityComplexity p) => new(
        key, pcn, "Learning disability with complexity",
        $"Alive, on the learning disability register, and on {p.MinOtherRegisters} or more other registers or with {p.MinEmergencyAdmissions} or more "
        + $"emergency admissions in the last {p.WindowMonths} months.",
        p, Alive(Register(ConditionRegister.LearningDisability), CohortCriteria.AnyOf(
            new CohortCriteria { RegisterCount = new NumberRange(AtLeast: p.MinOtherRegisters + 1) },
            Activity(ActivityKind.EmergencyAdmission, p.WindowMonths, p.MinEmergencyAdmissions))));

    public static BuiltInCohort PersistentPain(string pcn, string key, PersistentPainUse p) => new(
        key, pcn, "Persistent pain with high use of care",
        $"Alive, on the persistent pain register, and with {p.MinGpAppointments} or more GP appointments or {p.MinAeAttendances} or more "
        + $"A&E attendances in the last {p.WindowMonths} months.",
        p, Alive(Register(ConditionRegister.PersistentPain), CohortCriteria.AnyOf(
            Activity(ActivityKind.GpAppointment, p.WindowMonths, p.MinGpAppointments),
            Activity(ActivityKind.AeAttendance, p.WindowMonths, p.MinAeAttendances))));

    public static BuiltInCohort EndOfLife(string pcn, string key, LastYearOfLife p) => new(
        key, pcn, "Palliative and end-of-life care planning",
        $"Alive, and on the end-of-life register or likely in the last year of life (model {p.Model}, tier {string.Join(" or ", p.TiersOrDefault.Select(TierName))}).",
        p with { Tiers = p.TiersOrDefault }, Alive(CohortCriteria.AnyOf(
            new CohortCriteria { CareFlag = new CareFlagCriterion(CareFlagKind.EndOfLifeRegister) },
            new CohortCriteria { Risk = new RiskCriterion(p.Model, p.TiersOrDefault) })));

    public static BuiltInCohort ProactiveCaseManagement(string pcn, string key, CaseManagement p) => new(
        key, pcn, "Proactive case management",
        $"Alive, and in the highest emergency admission risk (model {p.Model}, tier {string.Join(" or ", p.TiersOrDefault.Select(TierName))}: the top 0.5% by default).",
        p with { Tiers = p.TiersOrDefault }, Alive(new CohortCriteria { Risk = new RiskCriterion(p.Model, p.TiersOrDefault) }));

    /// <summary>
    /// Adds each default to the store, idempotently: a missing cohort gets version 1; a cohort whose latest built-in version differs
    /// from today's default (a new threshold, a new wording) gets a new version; a retired one is left retired. PCNs missing
    /// from the store's reference data are skipped. Returns the number of versions added.
    /// </summary>
    public static async Task<int> SeedAsync(PhmDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var pcns = (await db.Pcns.Select(p => p.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var cohorts = new SavedCohorts(db, time);
        var added = 0;
        foreach (var builtIn in Defaults.Where(d => pcns.Contains(d.PcnCode)))
        {
            var content = builtIn.Content.Normalised();
            var versions = await db.CohortDefinitions.AsNoTracking().Where(d => d.Key == builtIn.Key).OrderBy(d => d.Version).ToListAsync(cancellationToken);
            if (versions.Count == 0)
            {
                await cohorts.SaveAsync(content, CohortDefinition.BuiltInOwner, builtIn.PcnCode, isBuiltIn: true, builtIn.Key, cancellationToken);
                added++;
                continue;
            }
            var latest = versions[^1];
            // An administrator's own revision stands until the default itself changes.
            var latestDefault = versions.Last(v => v.AuthoredBy == CohortDefinition.BuiltInOwner);
            if (latest.IsRetired || SameContent(latestDefault, content))
                continue;
            await cohorts.ReviseAsync(latest, content, CohortDefinition.BuiltInOwner, cancellationToken);
            added++;
        }
        return added;
    }

    private static bool SameContent(CohortDefinition definition, CohortContent content) =>
        definition.Name == content.Name && definition.Description == content.Description
        && definition.CriteriaJson == content.CriteriaJson && definition.ParametersJson == content.ParametersJson;

    private static CohortCriteria Alive(params IEnumerable<CohortCriteria> criteria) => CohortCriteria.AllOf([new CohortCriteria { Alive = true }, .. criteria]);

    private static CohortCriteria Register(ConditionRegister register) => new() { Register = new RegisterCriterion(register) };

    private static CohortCriteria Activity(ActivityKind kind, int months, int atLeast) =>
        new() { Activity = new ActivityCriterion(kind, CriteriaWindow.Months(months), new NumberRange(AtLeast: atLeast)) };

    private static string TierName(RiskTier tier) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(tier.ToString());
}

/// <summary>A built-in definition: its key and PCN, its wording, the parameters it was made from and the criteria they give.</summary>
public sealed record BuiltInCohort(string Key, string PcnCode, string Name, string Description, object Parameters, CohortCriteria Criteria)
{
    private static readonly JsonSerializerOptions ParameterJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public CohortContent Content => new(Name, Description, CohortCriteriaJson.Write(Criteria), JsonSerializer.Serialize(Parameters, Parameters.GetType(), ParameterJson));
}
