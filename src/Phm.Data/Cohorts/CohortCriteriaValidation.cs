using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Data.Cohorts;

/// <summary>
/// Every problem in criteria, each at its path in the tree (<c>criteria.all[1].any</c>), so that the caller fixes them all in
/// one go: malformed nodes, windows and ranges (<see cref="Problems"/>), then codes and models the store does not hold
/// (<see cref="ProblemsAsync"/>). Criteria without problems are safe to hand to <see cref="CohortPredicates.Meeting"/>.
/// </summary>
public static class CohortCriteriaValidation
{
    /// <summary>The path of the whole tree: the name of the GraphQL argument and of the stored JSON member.</summary>
    public const string Root = "criteria";

    /// <summary>How deep all/any/not may nest (the root is level 1): deeper trees are beyond anyone's reading.</summary>
    public const int MaxDepth = 8;

    /// <summary>How many predicates (leaves) a tree may hold: each is a subquery in one SQL condition.</summary>
    public const int MaxPredicates = 50;

    public const int MaxAge = 150;

    /// <summary>Windows and day counts reach back at most 100 years: further is before any record, and beyond a date's range.</summary>
    public const int MaxMonths = 1200;

    public const int MaxDays = 36_525;

    public const double LowestPercentile = 0;
    public const double HighestPercentile = 100;

    /// <summary>The problems of the tree's shape and values, without reading the store.</summary>
    public static IReadOnlyList<CriteriaProblem> Problems(CohortCriteria criteria, string path = Root)
    {
        var walk = new Walk();
        walk.Node(criteria, path, depth: 1);
        if (walk.Predicates > MaxPredicates)
            walk.Problems.Insert(0, new(path, $"the criteria hold {walk.Predicates} predicates; at most {MaxPredicates} are allowed. Save a smaller cohort, or split it into several."));
        return walk.Problems;
    }

    /// <summary>
    /// <see cref="Problems"/>, then, if the tree is well formed, every PCN, practice or LSOA code the store does not hold and
    /// every risk model it holds no scores of (one query per kind of code).
    /// </summary>
    public static async Task<IReadOnlyList<CriteriaProblem>> ProblemsAsync(CohortCriteria criteria, PhmDbContext db, CancellationToken cancellationToken, string path = Root)
    {
        var problems = Problems(criteria, path);
        if (problems.Count > 0)
            return problems;
        var leaves = Leaves(criteria, path).ToList();
        List<CriteriaProblem> unknown = [];
        await Unknown(leaves.Where(l => l.Node.Pcn is not null).Select(l => (l.Path + ".pcn", l.Node.Pcn!)),
            codes => db.Pcns.Where(p => codes.Contains(p.Code)).Select(p => p.Code), code => $"no PCN has the code '{code}'.");
        await Unknown(leaves.Where(l => l.Node.Practice is not null).Select(l => (l.Path + ".practice", l.Node.Practice!)),
            codes => db.Practices.Where(p => codes.Contains(p.Code)).Select(p => p.Code), code => $"no practice has the code '{code}'.");
        await Unknown(leaves.Where(l => l.Node.Lsoa is not null).Select(l => (l.Path + ".lsoa", l.Node.Lsoa!)),
            codes => db.Lsoas.Where(p => codes.Contains(p.Code)).Select(p => p.Code), code => $"no LSOA has the code '{code}'.");
        await Unknown(leaves.Where(l => l.Node.Risk is not null).Select(l => (l.Path + ".risk.model", l.Node.Risk!.Model)),
            names => db.ScoredModels.Where(m => names.Contains(m.Name)).Select(m => m.Name),
            name => $"no risk model named '{name}' has scores in the store.");
        return unknown;

        async Task Unknown(IEnumerable<(string Path, string Code)> named, Func<List<string>, IQueryable<string>> known, Func<string, string> reason)
        {
            var codes = named.ToList();
            if (codes.Count == 0)
                return;
            var held = (await known([.. codes.Select(c => c.Code).Distinct()]).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            unknown.AddRange(codes.Where(c => !held.Contains(c.Code)).Select(c => new CriteriaProblem(c.Path, reason(c.Code))));
        }
    }

    /// <summary>Throws a <see cref="CohortCriteriaException"/> listing every problem of <see cref="ProblemsAsync"/>, if there are any.</summary>
    public static async Task ThrowIfInvalidAsync(CohortCriteria criteria, PhmDbContext db, CancellationToken cancellationToken, string path = Root)
    {
        if (await ProblemsAsync(criteria, db, cancellationToken, path) is { Count: > 0 } problems)
            throw new CohortCriteriaException(problems);
    }

    /// <summary>The predicates of a well-formed tree with the path of each node, in the order they are written.</summary>
    public static IEnumerable<(CohortCriteria Node, string Path)> Leaves(CohortCriteria criteria, string path = Root)
    {
        if (criteria.All is { } all)
            return all.SelectMany((c, i) => Leaves(c, $"{path}.all[{i}]"));
        if (criteria.Any is { } any)
            return any.SelectMany((c, i) => Leaves(c, $"{path}.any[{i}]"));
        if (criteria.Not is { } not)
            return Leaves(not, $"{path}.not");
        return [(criteria, path)];
    }

    /// <summary>The members a node sets, by their names in GraphQL and JSON; a well-formed node sets exactly one.</summary>
    public static IEnumerable<string> MembersSet(CohortCriteria node)
    {
        (string Name, object? Value)[] members =
        [
            ("all", node.All), ("any", node.Any), ("not", node.Not), ("age", node.Age), ("sex", node.Sex), ("ethnicGroups", node.EthnicGroups),
            ("pcn", node.Pcn), ("practice", node.Practice), ("lsoa", node.Lsoa), ("nationalQuintiles", node.NationalQuintiles),
            ("localQuintiles", node.LocalQuintiles), ("register", node.Register), ("registerCount", node.RegisterCount),
            ("activity", node.Activity), ("bedDays", node.BedDays), ("daysSinceLastEmergencyAdmission", node.DaysSinceLastEmergencyAdmission),
            ("careFlag", node.CareFlag), ("risk", node.Risk), ("impactability", node.Impactability), ("alive", node.Alive),
        ];
        return members.Where(m => m.Value is not null).Select(m => m.Name);
    }

    private sealed class Walk
    {
        public List<CriteriaProblem> Problems { get; } = [];

        public int Predicates { get; private set; }

        public void Node(CohortCriteria node, string path, int depth)
        {
            var set = MembersSet(node).ToList();
            if (set.Count != 1)
            {
                Problems.Add(new(path, set.Count == 0
                    ? "a criterion must set one of all, any, not or a predicate; this one sets none."
                    : $"a criterion sets exactly one of all, any, not or a predicate; this one sets {set.Count}: {string.Join(", ", set)}. Combine them under all."));
                return;
            }
            if (node.All is { } all)
                Branches(all, $"{path}.all", "all", depth);
            else if (node.Any is { } any)
                Branches(any, $"{path}.any", "any", depth);
            else if (node.Not is { } not)
                Nested(not, $"{path}.not", depth);
            else
                Leaf(node, path);
        }

        private void Branches(IReadOnlyList<CohortCriteria> branches, string path, string name, int depth)
        {
            if (branches.Count == 0)
                Problems.Add(new(path, $"'{name}' needs at least one criterion."));
            for (var i = 0; i < branches.Count; i++)
                Nested(branches[i], $"{path}[{i}]", depth);
        }

        private void Nested(CohortCriteria node, string path, int depth)
        {
            if (depth == MaxDepth)
                Problems.Add(new(path, $"criteria nest at most {MaxDepth} levels deep (all, any and not each add one); this one goes deeper."));
            else
                Node(node, path, depth + 1);
        }

        private void Leaf(CohortCriteria node, string path)
        {
            Predicates++;
            if (node.Age is { } age)
                Range(age, $"{path}.age", "an age", MaxAge);
            if (node.EthnicGroups is [])
                Problems.Add(new($"{path}.ethnicGroups", "name at least one ethnic group."));
            if (node.NationalQuintiles is { } national)
                Quintiles(national, $"{path}.nationalQuintiles");
            if (node.LocalQuintiles is { } local)
                Quintiles(local, $"{path}.localQuintiles");
            foreach (var (code, name) in new[] { (node.Pcn, "pcn"), (node.Practice, "practice"), (node.Lsoa, "lsoa") })
            {
                if (code is not null && string.IsNullOrWhiteSpace(code))
                    Problems.Add(new($"{path}.{name}", "a code cannot be blank."));
            }
            if (node.Register?.Onset is { } onset)
                Window(onset, $"{path}.register.onset");
            if (node.RegisterCount is { } registerCount)
                Range(registerCount, $"{path}.registerCount", "a number of registers", int.MaxValue);
            if (node.Activity is { } activity)
            {
                Window(activity.Window, $"{path}.activity.window");
                Range(activity.Count, $"{path}.activity.count", "a count", int.MaxValue);
            }
            if (node.BedDays is { } bedDays)
            {
                Window(bedDays.Window, $"{path}.bedDays.window");
                Range(bedDays.Days, $"{path}.bedDays.days", "a number of bed days", int.MaxValue);
            }
            if (node.DaysSinceLastEmergencyAdmission is { } days)
                Range(days, $"{path}.daysSinceLastEmergencyAdmission", "a number of days", MaxDays);
            if (node.Risk is { } risk)
                Risk(risk, $"{path}.risk");
        }

        private void Quintiles(IReadOnlyList<int> quintiles, string path)
        {
            if (quintiles.Count == 0)
                Problems.Add(new(path, "name at least one quintile."));
            for (var i = 0; i < quintiles.Count; i++)
            {
                if (quintiles[i] is < 1 or > 5)
                    Problems.Add(new($"{path}[{i}]", $"a quintile is 1 (most deprived) to 5 (least deprived), not {quintiles[i]}."));
            }
        }

        // Ranges and windows are required members, but stored JSON may leave them out.
        private void Range(NumberRange? range, string path, string what, int largest)
        {
            if (range is null)
            {
                Problems.Add(new(path, "give a range (atLeast, atMost or both)."));
                return;
            }
            if (range.AtLeast is null && range.AtMost is null)
                Problems.Add(new(path, "give atLeast, atMost or both."));
            foreach (var (end, name) in new[] { (range.AtLeast, "atLeast"), (range.AtMost, "atMost") })
            {
                if (end < 0)
                    Problems.Add(new($"{path}.{name}", $"{what} cannot be negative ({end})."));
                else if (end > largest)
                    Problems.Add(new($"{path}.{name}", $"{what} is at most {largest.ToString("N0", CultureInfo.InvariantCulture)}, not {end}."));
            }
            if (range.AtLeast > range.AtMost)
                Problems.Add(new(path, $"atLeast ({range.AtLeast}) is greater than atMost ({range.AtMost}): no value is in the range."));
        }

        private void Window(CriteriaWindow? window, string path)
        {
            if (window is null)
            {
                Problems.Add(new(path, "give a window (lastMonths, or from and/or to)."));
                return;
            }
            var dated = window.From is not null || window.To is not null;
            if (window.LastMonths is { } months)
            {
                if (dated)
                    Problems.Add(new(path, "give either lastMonths or from/to, not both."));
                if (months < 1)
                    Problems.Add(new($"{path}.lastMonths", $"a window is at least 1 month, not {months}."));
                else if (months > MaxMonths)
                    Problems.Add(new($"{path}.lastMonths", $"a window reaches back at most {MaxMonths} months (100 years), not {months}."));
            }
            else if (!dated)
            {
                Problems.Add(new(path, "give lastMonths, or from and/or to."));
            }
            if (window is { From: { } from, To: { } to } && from > to)
                Problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"the window starts on {from:yyyy-MM-dd}, after its end {to:yyyy-MM-dd}.")));
        }

        private void Risk(RiskCriterion risk, string path)
        {
            if (string.IsNullOrWhiteSpace(risk.Model))
                Problems.Add(new($"{path}.model", "name a risk model, e.g. emergency-admission-12m."));
            if (risk.Tiers is [])
                Problems.Add(new($"{path}.tiers", "name at least one tier, or leave tiers out to take every tier."));
            foreach (var (percentile, name) in new[] { (risk.MinPercentile, "minPercentile"), (risk.MaxPercentile, "maxPercentile") })
            {
                if (percentile is { } value && (value < LowestPercentile || value > HighestPercentile || double.IsNaN(value)))
                    Problems.Add(new($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"a percentile is 0 to 100, not {value}.")));
            }
            if (risk.MinPercentile > risk.MaxPercentile)
                Problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"minPercentile ({risk.MinPercentile}) is greater than maxPercentile ({risk.MaxPercentile}).")));
        }
    }
}
