using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Impactability;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Data.Cohorts;

/// <summary>
/// One line of why a patient is (or is not) in a cohort: a node of the criteria at its <see cref="Path"/>, the criterion in
/// words, the patient's value in words, and whether the node held for the patient.
/// </summary>
/// <param name="Path">The node's path in the tree, e.g. <c>criteria.all[1].activity</c> for a predicate, <c>criteria.any</c> for a branch.</param>
/// <param name="Subject">What is judged, e.g. "A&amp;E attendances in the last 12 months".</param>
/// <param name="Requirement">What the criterion asks of it, e.g. "at least 5"; null where the subject says it all ("On heart failure register").</param>
/// <param name="Value">The patient's value, e.g. "7".</param>
public sealed record WhyLine(string Path, string Subject, string? Requirement, string Value, bool Held)
{
    /// <summary>The criterion in words: the subject and the requirement.</summary>
    public string Criterion => Requirement is null ? Subject : $"{Subject}, {Requirement}";

    /// <summary>The line as a person reads it: "A&amp;E attendances in the last 12 months: 7, at least 5".</summary>
    public string Text => Requirement is null ? $"{Subject}: {Value}" : $"{Subject}: {Value}, {Requirement}";
}

/// <summary>
/// Why patients meet criteria: a line for every node of the tree (<see cref="WhyLine"/>), in the order the tree is written,
/// computed for a page of patients with one query per kind of predicate (never one per patient). Each kind's values follow
/// the rule its SQL predicate applies (<see cref="CohortPredicates"/>: the same windows, register rule, risk matching), so a
/// member's lines always agree with its membership. A new kind of predicate is one entry in <see cref="Kinds"/>.
/// </summary>
public static class CohortExplanation
{
    /// <summary>The lines of each of <paramref name="patientIds"/> (internal ids), read through <paramref name="db"/> (so within its scope).</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<WhyLine>>> ExplainAsync(
        PhmDbContext db, CohortCriteria criteria, IReadOnlyCollection<int> patientIds, DateOnly referenceDate, CancellationToken cancellationToken,
        ImpactabilitySignals? impactability = null)
    {
        var page = new Page(db, [.. patientIds.Distinct()], referenceDate, impactability, cancellationToken);
        var leaves = CohortCriteriaValidation.Leaves(criteria).Select(l => l.Node).ToList();
        Dictionary<CohortCriteria, Explain> explainers = new(ReferenceEqualityComparer.Instance);
        foreach (var kind in Kinds)
        {
            var ofKind = leaves.Where(kind.Handles).ToList();
            if (ofKind.Count == 0)
                continue;
            var explain = await kind.LoadAsync(page, ofKind);
            foreach (var leaf in ofKind)
                explainers.TryAdd(leaf, explain);
        }
        return page.PatientIds.ToDictionary(id => id, id =>
        {
            List<WhyLine> lines = [];
            Lines(criteria, CohortCriteriaValidation.Root, id, explainers, lines);
            return (IReadOnlyList<WhyLine>)lines;
        });
    }

    /// <summary>Adds the lines of <paramref name="node"/> and its branches to <paramref name="lines"/>; returns whether it held.</summary>
    private static bool Lines(CohortCriteria node, string path, int patientId, Dictionary<CohortCriteria, Explain> explainers, List<WhyLine> lines)
    {
        if (node.All is { } || node.Any is { })
        {
            var (name, branches) = node.All is { } all ? ("all", all) : ("any", node.Any!);
            var at = lines.Count;
            lines.Add(null!);
            var held = branches.Select((branch, i) => Lines(branch, $"{path}.{name}[{i}]", patientId, explainers, lines)).ToList();
            var holding = held.Count(h => h);
            var holds = name == "all" ? holding == held.Count : holding > 0;
            lines[at] = new WhyLine($"{path}.{name}", name == "all" ? $"All of {held.Count}" : $"Any of {held.Count}", null,
                name == "all" || holding == 0 ? $"{holding} held" : $"{holding} held: " + string.Join(", ", held.Select((h, i) => (h, i)).Where(x => x.h).Select(x => $"{name}[{x.i}]")),
                holds);
            return holds;
        }
        if (node.Not is { } not)
        {
            var at = lines.Count;
            lines.Add(null!);
            var innerHeld = Lines(not, $"{path}.not", patientId, explainers, lines);
            lines[at] = new WhyLine($"{path}.not", "Not", null, innerHeld ? "the criterion below held" : "the criterion below did not hold", !innerHeld);
            return !innerHeld;
        }
        var member = CohortCriteriaValidation.MembersSet(node).Single();
        var line = explainers[node](node, patientId);
        lines.Add(new WhyLine($"{path}.{member}", line.Subject, line.Requirement, line.Value, line.Held));
        return line.Held;
    }

    /// <summary>A leaf's line for one patient, before its path is known.</summary>
    private sealed record Line(string Subject, string? Requirement, string Value, bool Held);

    private delegate Line Explain(CohortCriteria leaf, int patientId);

    /// <summary>A kind of predicate: which leaves it explains, and the one query that explains all of them for a page.</summary>
    private sealed record Kind(Func<CohortCriteria, bool> Handles, Func<Page, IReadOnlyList<CohortCriteria>, Task<Explain>> LoadAsync);

    private static readonly Kind[] Kinds =
    [
        new(n => n.Age is not null || n.Sex is not null || n.EthnicGroups is not null || n.Practice is not null || n.Lsoa is not null || n.Alive is not null,
            async (page, _) => Demography(await page.PatientsAsync(), page.ReferenceDate)),
        new(n => n.Pcn is not null, Pcn),
        new(n => n.NationalQuintiles is not null || n.LocalQuintiles is not null, Quintiles),
        new(n => n.Register is not null, async (page, _) => Registers(await page.PatientsAsync(), page.ReferenceDate)),
        new(n => n.RegisterCount is not null, RegisterCount),
        new(n => n.Activity is not null, Activity),
        new(n => n.BedDays is not null, BedDays),
        new(n => n.DaysSinceLastEmergencyAdmission is not null, DaysSinceLastEmergencyAdmission),
        new(n => n.CareFlag is not null, CareFlags),
        new(n => n.Risk is not null, Risk),
        new(n => n.Impactability is not null, Impactability),
    ];

    private static readonly Func<Patient, DateOnly, bool> AliveOn = Patient.AliveOn.Compile();

    private static Explain Demography(IReadOnlyDictionary<int, Patient> patients, DateOnly referenceDate) => (leaf, id) =>
    {
        var patient = patients[id];
        return leaf switch
        {
            { Age: { } age } => new("Age", age.Words(), Number(patient.AgeOn(referenceDate)), age.Contains(patient.AgeOn(referenceDate))),
            { Sex: { } sex } => new("Sex", $"must be {SexWords(sex)}", SexWords(patient.Sex), patient.Sex == sex),
            { EthnicGroups: { } groups } => new("Ethnic group", "must be one of " + string.Join(", ", groups.Select(GroupWords)), GroupWords(patient.EthnicGroup), groups.Contains(patient.EthnicGroup)),
            { Practice: { } practice } => new("Practice", $"must be {practice}", patient.PracticeCode, patient.PracticeCode == practice),
            { Lsoa: { } lsoa } => new("LSOA", $"must be {lsoa}", patient.LsoaCode, patient.LsoaCode == lsoa),
            { Alive: { } alive } => new(alive ? "Alive" : "Deceased", null,
                AliveOn(patient, referenceDate) ? "alive" : $"died {Iso(patient.DateOfDeath!.Value)}", AliveOn(patient, referenceDate) == alive),
            _ => throw new ArgumentException("Not a demographic predicate.", nameof(leaf)),
        };
    };

    private static async Task<Explain> Pcn(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var patients = await page.PatientsAsync();
        var practices = patients.Values.Select(p => p.PracticeCode).Distinct().ToList();
        var pcnOf = await page.Db.PcnMemberships.AsNoTracking().ValidOn(page.ReferenceDate).Where(m => practices.Contains(m.PracticeCode))
            .ToDictionaryAsync(m => m.PracticeCode, m => m.PcnCode, page.CancellationToken);
        return (leaf, id) =>
        {
            var pcn = pcnOf.GetValueOrDefault(patients[id].PracticeCode);
            return new("PCN", $"must be {leaf.Pcn}", pcn ?? "none (the practice belongs to no PCN)", pcn == leaf.Pcn);
        };
    }

    private static async Task<Explain> Quintiles(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var patients = await page.PatientsAsync();
        var lsoas = patients.Values.Select(p => p.LsoaCode).Distinct().ToList();
        var quintiles = await page.Db.Lsoas.AsNoTracking().Where(l => lsoas.Contains(l.Code))
            .ToDictionaryAsync(l => l.Code, l => (l.NationalQuintile, l.LocalQuintile), page.CancellationToken);
        return (leaf, id) =>
        {
            var (national, local) = quintiles.GetValueOrDefault(patients[id].LsoaCode);
            return leaf.NationalQuintiles is { } nationals
                ? new("National IMD quintile", OneOf(nationals), Number(national), nationals.Contains(national))
                : new("Local IMD quintile", OneOf(leaf.LocalQuintiles!), local is { } l ? Number(l) : "none (lives outside the local authority)",
                    local is { } q && leaf.LocalQuintiles!.Contains(q));
        };
    }

    /// <summary>The registers the page's patients hold, read from <see cref="PhmDbContext.RegistersHeld"/> as the predicate counts them.</summary>
    private static async Task<Explain> RegisterCount(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var ids = page.PatientIds;
        var held = (await page.Db.RegistersHeld.AsNoTracking().Where(h => ids.Contains(h.PatientId)).ToListAsync(page.CancellationToken))
            .ToLookup(h => h.PatientId, h => h.Register);
        return (leaf, id) =>
        {
            var registers = held[id].Order().ToList();
            var value = registers.Count == 0 ? "0" : $"{registers.Count} ({string.Join(", ", registers.Select(r => r.Words()))})";
            return new("Registers", leaf.RegisterCount!.Words(), value, leaf.RegisterCount!.Contains(registers.Count));
        };
    }

    /// <summary>Register entries judged by <see cref="RegisterRules.IsOnRegister"/> on the patients' loaded entries.</summary>
    private static Explain Registers(IReadOnlyDictionary<int, Patient> patients, DateOnly referenceDate) => (leaf, id) =>
    {
        var patient = patients[id];
        var criterion = leaf.Register!;
        var register = criterion.Register;
        var subject = $"On {register.Words()} register";
        var onRegister = patient.IsOnRegister(register, referenceDate);
        var entry = RegisterEntry(patient, register, referenceDate);
        var status = onRegister ? $"since {Iso(entry.Since!.Value)}"
            : entry.Since is null ? entry.Resolved is { } resolved ? $"no (resolved {Iso(resolved)})" : "no"
            : $"no (diagnosed {Iso(entry.Since.Value)}, but the register starts at age {register.MinimumAge()})";
        if (criterion.Onset is not { } onset)
            return new(subject, null, status, onRegister);
        var (from, to) = onset.On(referenceDate);
        var diagnosedInWindow = patient.Conditions
            .Where(c => c.Register == register && c.Kind == ConditionKind.Diagnosis && c.OnsetDate <= to && (from == null || c.OnsetDate >= from))
            .Select(c => (DateOnly?)c.OnsetDate).Max();
        return new(subject, $"diagnosed {onset.Words()}",
            diagnosedInWindow is not { } date ? $"{status}; no diagnosis {onset.Words()}"
            : date == entry.Since ? status : $"{status}; diagnosed {Iso(date)}",
            onRegister && diagnosedInWindow is not null);
    };

    /// <summary>The start of the patient's current entry (the first diagnosis after the latest resolution), and that resolution.</summary>
    private static (DateOnly? Since, DateOnly? Resolved) RegisterEntry(Patient patient, ConditionRegister register, DateOnly referenceDate)
    {
        var entries = patient.Conditions.Where(c => c.Register == register && c.OnsetDate <= referenceDate).ToList();
        var resolved = entries.Where(c => c.Kind == ConditionKind.Resolved).Select(c => (DateOnly?)c.OnsetDate).Max();
        var since = entries.Where(c => c.Kind == ConditionKind.Diagnosis && (resolved == null || c.OnsetDate > resolved)).Select(c => (DateOnly?)c.OnsetDate).Min();
        return (since, resolved);
    }

    private static async Task<Explain> Activity(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var kinds = leaves.Select(l => l.Activity!.Kind).Distinct().ToList();
        var activities = await page.ActivitiesAsync(kinds, leaves.Select(l => l.Activity!.Window));
        return (leaf, id) =>
        {
            var criterion = leaf.Activity!;
            var count = Within(activities[id].Where(a => a.Kind == criterion.Kind), criterion.Window, page.ReferenceDate).Count();
            return new($"{Capitalised(criterion.Kind.Words())}s {criterion.Window.Words()}", criterion.Count.Words(), Number(count), criterion.Count.Contains(count));
        };
    }

    private static async Task<Explain> BedDays(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var activities = await page.ActivitiesAsync(Patients.Activity.AdmissionKinds, leaves.Select(l => l.BedDays!.Window));
        return (leaf, id) =>
        {
            var criterion = leaf.BedDays!;
            var days = Within(activities[id], criterion.Window, page.ReferenceDate).Sum(a => a.LengthOfStayDays ?? 0);
            return new($"Bed days of admissions {criterion.Window.Words()}", criterion.Days.Words(), Number(days), criterion.Days.Contains(days));
        };
    }

    /// <summary>As the predicate: only a patient admitted as an emergency by the reference date has a number of days, so one never admitted never meets it.</summary>
    private static async Task<Explain> DaysSinceLastEmergencyAdmission(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var ids = page.PatientIds;
        var latest = await page.Db.Activities.AsNoTracking()
            .Where(a => ids.Contains(a.PatientId) && a.Kind == ActivityKind.EmergencyAdmission && a.Date <= page.ReferenceDate)
            .GroupBy(a => a.PatientId).Select(g => new { PatientId = g.Key, Latest = g.Max(a => a.Date) })
            .ToDictionaryAsync(r => r.PatientId, r => r.Latest, page.CancellationToken);
        return (leaf, id) =>
        {
            var range = leaf.DaysSinceLastEmergencyAdmission!;
            if (!latest.TryGetValue(id, out var last))
                return new("Days since the last emergency admission", range.Words(), "never admitted as an emergency", false);
            var days = page.ReferenceDate.DayNumber - last.DayNumber;
            return new("Days since the last emergency admission", range.Words(), $"{Number(days)} (admitted {Iso(last)})", range.Contains(days));
        };
    }

    private static async Task<Explain> CareFlags(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var ids = page.PatientIds;
        var kinds = leaves.Select(l => l.CareFlag!.Kind).Distinct().ToList();
        var recorded = (await page.Db.CareFlags.AsNoTracking()
                .Where(f => ids.Contains(f.PatientId) && kinds.Contains(f.Kind) && f.RecordedOn <= page.ReferenceDate)
                .GroupBy(f => new { f.PatientId, f.Kind }).Select(g => new { g.Key.PatientId, g.Key.Kind, First = g.Min(f => f.RecordedOn) })
                .ToListAsync(page.CancellationToken))
            .ToDictionary(f => (f.PatientId, f.Kind), f => f.First);
        return (leaf, id) =>
        {
            var criterion = leaf.CareFlag!;
            var (present, absent) = criterion.Kind.Words();
            var isRecorded = recorded.TryGetValue((id, criterion.Kind), out var on);
            return new(Capitalised(criterion.Present ? present : absent), null,
                isRecorded ? $"recorded {Iso(on)}" : "none recorded", isRecorded == criterion.Present);
        };
    }

    /// <summary>The page's scores from the named models, judged by <see cref="RiskCriterion.Matching"/> itself.</summary>
    private static async Task<Explain> Risk(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var ids = page.PatientIds;
        var models = leaves.Select(l => l.Risk!.Model).Distinct().ToList();
        var scores = await page.Db.RiskScores.AsNoTracking().Where(s => ids.Contains(s.PatientId) && models.Contains(s.Model)).ToListAsync(page.CancellationToken);
        var scoreOf = scores.ToDictionary(s => (s.PatientId, s.Model));
        // Each leaf's rule runs once over the page's scores: an in-memory query compiles its expression on every run.
        Dictionary<CohortCriteria, HashSet<int>> matching = new(ReferenceEqualityComparer.Instance);
        foreach (var leaf in leaves)
            matching.TryAdd(leaf, [.. leaf.Risk!.Matching(scores.AsQueryable()).Select(s => s.PatientId)]);
        return (leaf, id) =>
        {
            var criterion = leaf.Risk!;
            var value = scoreOf.TryGetValue((id, criterion.Model), out var score) ? $"{TierWords(score.Tier)}, {PercentileWords(score.Percentile)} percentile" : "not scored";
            return new($"Risk ({criterion.Model})", RiskRequirement(criterion), value, matching[leaf].Contains(id));
        };
    }

    /// <summary>Each signal asked, in the signal's own words with its values (<see cref="ImpactabilitySignalRule.ExplainAsync"/>), for the page at once.</summary>
    private static async Task<Explain> Impactability(Page page, IReadOnlyList<CohortCriteria> leaves)
    {
        var signals = page.Impactability ?? throw new InvalidOperationException("Criteria on impactability need the hub's impactability rules (ImpactabilitySignals).");
        var words = new Dictionary<ImpactabilitySignal, IReadOnlyDictionary<int, string>>();
        foreach (var signal in leaves.Select(l => l.Impactability!.Value).Distinct())
            words[signal] = await signals[signal].ExplainAsync(page.Db, page.PatientIds, page.ReferenceDate, page.CancellationToken);
        return (leaf, id) => words[leaf.Impactability!.Value].TryGetValue(id, out var held)
            ? new("Impactability", "the signal must hold", held, true)
            : new("Impactability", "the signal must hold", "does not hold", false);
    }

    private static string? RiskRequirement(RiskCriterion criterion)
    {
        List<string> parts = [];
        if (criterion.Tiers is { } tiers)
            parts.Add("tier " + string.Join(" or ", tiers.Select(TierWords)));
        if (criterion.MinPercentile is { } min)
            parts.Add($"at or above the {PercentileWords(min)} percentile");
        if (criterion.MaxPercentile is { } max)
            parts.Add($"at or below the {PercentileWords(max)} percentile");
        return parts.Count == 0 ? "any score" : string.Join(", ", parts);
    }

    /// <summary>The activities within the window, by the same bounds as the predicate.</summary>
    private static IEnumerable<Activity> Within(IEnumerable<Activity> activities, CriteriaWindow window, DateOnly referenceDate)
    {
        var (from, to) = window.On(referenceDate);
        return activities.Where(a => a.Date <= to && (from == null || a.Date >= from));
    }

    /// <summary>The patients of a page and what several kinds share, each read at most once.</summary>
    private sealed class Page(PhmDbContext db, List<int> patientIds, DateOnly referenceDate, ImpactabilitySignals? impactability, CancellationToken cancellationToken)
    {
        private Task<IReadOnlyDictionary<int, Patient>>? _patients;

        public PhmDbContext Db => db;
        public List<int> PatientIds => patientIds;
        public DateOnly ReferenceDate => referenceDate;
        public ImpactabilitySignals? Impactability => impactability;
        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>The patients with their register entries (the register rule runs on them).</summary>
        public Task<IReadOnlyDictionary<int, Patient>> PatientsAsync() => _patients ??= LoadPatientsAsync();

        private async Task<IReadOnlyDictionary<int, Patient>> LoadPatientsAsync() =>
            await db.Patients.AsNoTracking().Include(p => p.Conditions).AsSplitQuery()
                .Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        /// <summary>The page's activities of <paramref name="kinds"/> that any of <paramref name="windows"/> may hold, by patient.</summary>
        public async Task<IReadOnlyDictionary<int, IReadOnlyList<Activity>>> ActivitiesAsync(IReadOnlyList<ActivityKind> kinds, IEnumerable<CriteriaWindow> windows)
        {
            var bounds = windows.Select(w => w.On(referenceDate)).ToList();
            var to = bounds.Max(b => b.To);
            var from = bounds.Any(b => b.From is null) ? null : bounds.Min(b => b.From);
            var activities = await db.Activities.AsNoTracking()
                .Where(a => patientIds.Contains(a.PatientId) && kinds.Contains(a.Kind) && a.Date <= to && (from == null || a.Date >= from))
                .ToListAsync(cancellationToken);
            var byPatient = activities.ToLookup(a => a.PatientId);
            return patientIds.ToDictionary(id => id, id => (IReadOnlyList<Activity>)[.. byPatient[id]]);
        }
    }

    private static string SexWords(Sex sex) => sex == Sex.Female ? "female" : "male";

    private static string GroupWords(EthnicGroup group) => group.Words()["ethnic group ".Length..];

    private static string TierWords(RiskTier tier) => tier switch
    {
        RiskTier.VeryHigh => "very high",
        RiskTier.High => "high",
        RiskTier.Moderate => "moderate",
        _ => "low",
    };

    /// <summary>"99.8th", "1st", "42nd", "89.3rd", "12th": the suffix of the last digit written.</summary>
    private static string PercentileWords(double percentile)
    {
        var written = Math.Round(percentile, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
        var suffix = written.EndsWith("11", StringComparison.Ordinal) || written.EndsWith("12", StringComparison.Ordinal) || written.EndsWith("13", StringComparison.Ordinal)
            ? "th"
            : written[^1] switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
        return written + suffix;
    }

    private static string OneOf(IReadOnlyList<int> values) => values.Count == 1 ? $"must be {Number(values[0])}" : "must be one of " + string.Join(", ", values.Select(Number));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
