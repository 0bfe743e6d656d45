using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Types.Relay.DataObjects;
using GraphQL.Validation;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>
/// Pages of patients, in id order or highest risk first, for every connection of patients (<c>patients</c>, a cohort's
/// <c>members</c>): the same order, the same cursors, one row read beyond the page to learn whether another follows.
/// </summary>
public static class PatientPages
{
    /// <summary>
    /// Pages in id order are ordered by pseudonym (the patient's <c>id</c>), so a cursor wraps the pseudonym of the edge's patient: it
    /// reveals nothing a client has not already been given, and never the store's internal key.
    /// </summary>
    private static readonly CursorFormat Cursors = new("patient:");

    /// <summary>
    /// Pages in RISK_DESC order walk one model's scores by rank (unique within the model, so the order is total); a cursor wraps
    /// the model and the rank of the edge's patient, whose percentile the client can already read.
    /// </summary>
    private static CursorFormat RiskCursors(string model) => new($"patient-risk:{model}:");

    /// <summary>
    /// Pages in impactability order walk the number of signals that hold, most first, then pseudonyms: a cursor wraps both, which
    /// the client can already read (the patient's id and impactability).
    /// </summary>
    private static readonly CursorFormat ImpactabilityCursors = new("patient-impactability:");

    /// <summary>Refuses a page size out of range, or an <c>after</c> that is not a cursor of impactability order.</summary>
    public static void ValidateImpactabilityPageArguments(FieldArgumentsValidationContext context)
    {
        Paging.ValidatePageArguments(context, ImpactabilityCursors);
        if (context.GetArgument<string?>("after") is { } after && SignalsAndPseudonymOf(after) is null)
            throw new MalformedCursorError("after");
    }

    /// <summary>
    /// One page of <paramref name="patients"/>, those with most impactability signals first (<paramref name="signals"/>: the
    /// number that hold, as SQL), then by pseudonym, reading one row beyond the page.
    /// </summary>
    public static async Task<Connection<Patient>> PageByImpactabilityAsync(
        IQueryable<Patient> patients, Expression<Func<Patient, int>> signals, int first, string? after, CancellationToken cancellationToken)
    {
        var counted = patients.Select(Expression.Lambda<Func<Patient, Counted>>(
            Expression.MemberInit(Expression.New(typeof(Counted)),
                Expression.Bind(typeof(Counted).GetProperty(nameof(Counted.Patient))!, signals.Parameters[0]),
                Expression.Bind(typeof(Counted).GetProperty(nameof(Counted.Signals))!, signals.Body)),
            signals.Parameters[0]));
        if (after is not null)
        {
            var (afterSignals, afterPseudonym) = SignalsAndPseudonymOf(after)!.Value;
            counted = counted.Where(c => c.Signals < afterSignals || (c.Signals == afterSignals && string.Compare(c.Patient.Pseudonym, afterPseudonym) > 0));
        }
        var rows = await counted.OrderByDescending(c => c.Signals).ThenBy(c => c.Patient.Pseudonym).Take(first + 1).ToListAsync(cancellationToken);
        var signalsOf = rows.ToDictionary(r => r.Patient.Id, r => r.Signals);
        return Paging.ToConnection([.. rows.Select(r => r.Patient)], first, afterACursor: after is not null,
            p => ImpactabilityCursors.Encode(string.Create(CultureInfo.InvariantCulture, $"{signalsOf[p.Id]}:{p.Pseudonym}")), totalCount: null);
    }

    private static (int Signals, string Pseudonym)? SignalsAndPseudonymOf(string cursor) =>
        ImpactabilityCursors.Decode(cursor) is { } key && key.Split(':', 2) is [var count, var pseudonym]
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var signals) && pseudonym.Length > 0
            ? (signals, pseudonym) : null;

    /// <summary>A patient with the number of impactability signals that hold (settable members: EF Core reads a member initialisation back).</summary>
    private sealed class Counted
    {
        public required Patient Patient { get; init; }
        public int Signals { get; init; }
    }

    /// <summary>Refuses a page size out of range, or an <c>after</c> that is not a cursor of this order (<paramref name="riskModel"/> null for id order).</summary>
    public static void ValidatePageArguments(FieldArgumentsValidationContext context, string? riskModel)
    {
        if (riskModel is null)
        {
            Paging.ValidatePageArguments(context, Cursors);
            return;
        }
        Paging.ValidatePageArguments(context, RiskCursors(riskModel));
        if (context.GetArgument<string?>("after") is { } after && RankOf(after, riskModel) is null)
            throw new MalformedCursorError("after");
    }

    /// <summary>
    /// One page of <paramref name="patients"/>: by pseudonym, or with <paramref name="riskModel"/> highest risk first by its ranks.
    /// With <paramref name="sortEveryMatch"/>, a page by pseudonym is sorted from every matching patient, never looked for along
    /// the pseudonym index (see <see cref="ByPseudonymSortedAfterFiltering"/>).
    /// <paramref name="total"/>, when given, reads the number of matching patients that the caller needs anyway or has cheaply (a
    /// page's <c>totalCount</c> from kept cells, a cohort's count): a RISK_DESC page then reads it first and, when it is over
    /// <see cref="FewPatients"/>, goes along the rank index without first reading the matching patients' ids.
    /// <paramref name="fewMatching"/>, when given, reads the matching patients' ids when at most <see cref="FewPatients"/> match (else
    /// null), as the caller reads them anyway (a cohort's members, <see cref="Cohorts.CohortEvaluation.FewMemberIdsAsync"/>): a RISK_DESC
    /// page of few is then read from those patients by key, without testing the filter again.
    /// </summary>
    public static Task<Connection<Patient>> PageAsync(
        IQueryable<Patient> patients, PhmDbContext db, string? riskModel, int first, string? after, bool countTotal, bool sortEveryMatch,
        CancellationToken cancellationToken, Func<CancellationToken, Task<int>>? total = null,
        Func<CancellationToken, Task<IReadOnlyList<int>?>>? fewMatching = null) =>
        riskModel is null
            ? PageByIdAsync(patients, db, first, after, countTotal, conditions: null, sortEveryMatch, cancellationToken)
            : PageByRiskAsync(patients, db, riskModel, first, after, countTotal, FewPatients, cancellationToken, total, fewMatching);

    /// <summary>
    /// One page of <paramref name="patients"/> by pseudonym with each patient's register entries read in the same statement, given
    /// to <paramref name="conditions"/> so that the patients' <c>conditions</c> read nothing more.
    /// </summary>
    public static Task<Connection<Patient>> PageByIdWithConditionsAsync(
        IQueryable<Patient> patients, PhmDbContext db, int first, string? after, bool countTotal, ConditionsByPatientLoader conditions,
        CancellationToken cancellationToken) =>
        PageByIdAsync(patients, db, first, after, countTotal, conditions, sortEveryMatch: false, cancellationToken);

    private static int? RankOf(string cursor, string model) =>
        RiskCursors(model).Decode(cursor) is { } rank && int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Most matching patients a page reads all of and sorts, rather than looking for the page along an index of its order: a
    /// RISK_DESC page their own scores, each read by key; a page by pseudonym whose total is counted (where the provider sorts few
    /// matches before paging, <see cref="PhmDbContext.SortsFewMatchesBeforePaging"/>) every match. A filter that few patients
    /// match fills a page only far along the index: for a page of 50 among n matches of a population of N, some 50 × N / n
    /// entries, each a patient tested, against n read by key; so this is well below √(50 × N) (3,900 at 300,000 patients, 10,000
    /// at 2,000,000). At 2,000,000 patients PostgreSQL looked for a page of Living Well's 285 cohort members along the rank index
    /// (2.5 s) and for a page of Central PCN's 917 heart failure patients in quintile 1 along the city's pseudonym index, through
    /// 94,000 patients read at random (1.7-1.9 s of database CPU, the count 0.4 s); at 200 patients, SQLite at 300,000 read every
    /// score along the rank index (2 s). Counting up to it reads only this many matching patients.
    /// </summary>
    internal const int FewPatients = 2_000;

    /// <summary>
    /// Most patients a RISK_DESC page of <c>patients</c> reads all of: there the filter holds the ordering model's own score (its
    /// tiers or percentile, or every score), so the matches are a run from the top of the rank index thinned only by the scope and
    /// the other criteria, and the page fills within some 50 ÷ (that share) entries whatever their number. At 300,000 patients a PCN's
    /// two highest tiers (about 1,500) read by key cost PostgreSQL 83 ms a page against 31 ms along the rank index.
    /// </summary>
    internal const int FewAtTheTopOfTheRanks = 200;

    /// <summary>
    /// One page highest risk first: the patients with their scores from <paramref name="model"/> (through the same scoped
    /// context), in rank order, reading one row beyond the page. When at most <paramref name="fewPatients"/> patients match, each
    /// one's score is read by key (a statement over those patients alone, which no planner turns into a walk of the rank index),
    /// else the patients are joined along the rank index; the rows are the same. With <paramref name="total"/> (the number of
    /// matching patients, see <see cref="PageAsync"/>), that number is read first and the matching ids are not read: when few,
    /// each matching patient's score is read by key in the page's own statement (a scalar subquery, which no planner turns into
    /// a walk of the rank index either). At 2,000,000 patients PostgreSQL read the first ids in id order along the patients' key,
    /// testing each patient it passed: a third of a RISK_DESC page's database CPU, and more than the count for Living Well's cohort.
    /// With <paramref name="fewMatching"/> (the ids when few, see <see cref="PageAsync"/>), those ids are the matching patients.
    /// Ids read first go in as one array-like parameter: up to 2,000 of them, one parameter each, is past SQL Server's 2,100 a statement.
    /// </summary>
    internal static async Task<Connection<Patient>> PageByRiskAsync(
        IQueryable<Patient> patients, PhmDbContext db, string model, int first, string? after, bool countTotal, int fewPatients, CancellationToken cancellationToken,
        Func<CancellationToken, Task<int>>? total = null, Func<CancellationToken, Task<IReadOnlyList<int>?>>? fewMatching = null)
    {
        var matchingKnown = fewMatching is null ? null : await fewMatching(cancellationToken);
        if (matchingKnown is not null)
            // Every matching patient is among these, read by key: the filter is not tested again.
            patients = db.Patients.AsNoTracking().Where(p => EF.Parameter(matchingKnown).Contains(p.Id));
        int? knownTotal = matchingKnown?.Count ?? (total is null ? null : await total(cancellationToken));
        List<int>? matching = knownTotal is not null ? null
            : await patients.OrderBy(p => p.Id).Select(p => p.Id).Take(fewPatients + 1).ToListAsync(cancellationToken);
        var few = (knownTotal ?? matching!.Count) <= fewPatients;
        var scores = db.RiskScores.Where(s => s.Model == model);
        if (after is not null)
        {
            var afterRank = RankOf(after, model)!.Value;
            scores = scores.Where(s => s.Rank > afterRank);
        }
        var ranked = few
            ? (matching is null ? patients : patients.Where(p => EF.Parameter(matching).Contains(p.Id)))
                .Select(p => new { Patient = p, Rank = scores.Where(s => s.PatientId == p.Id).Select(s => (int?)s.Rank).FirstOrDefault() })
                .Where(r => r.Rank != null).Select(r => new RankedPatient { Patient = r.Patient, Rank = r.Rank!.Value })
            : patients.Join(scores, p => p.Id, s => s.PatientId, (p, s) => new RankedPatient { Patient = p, Rank = s.Rank });
        var rows = await ranked.OrderBy(r => r.Rank).Take(first + 1).ToListAsync(cancellationToken);
        var cursors = RiskCursors(model);
        var rankOf = rows.ToDictionary(r => r.Patient.Id, r => r.Rank);
        return Paging.ToConnection([.. rows.Select(r => r.Patient)], first, afterACursor: after is not null,
            p => cursors.Encode(rankOf[p.Id].ToString(CultureInfo.InvariantCulture)),
            !countTotal ? null : knownTotal ?? (few ? matching!.Count : await patients.CountAsync(cancellationToken)));
    }

    /// <summary>A patient with its rank in one model (settable members: EF Core reads a member initialisation back).</summary>
    private sealed class RankedPatient
    {
        public required Patient Patient { get; init; }
        public int Rank { get; init; }
    }

    /// <summary>
    /// The pseudonym as a sort key that no index holds, so that the database finds every matching patient before it sorts them
    /// (in the pseudonym's order): for candidates known to be few, where the provider's planner would walk the pseudonym index
    /// for them (<see cref="PhmDbContext.SortsFewMatchesBeforePaging"/>).
    /// </summary>
    private static readonly Expression<Func<Patient, string>> ByPseudonymSortedAfterFiltering = p => p.Pseudonym + "";

    /// <summary>
    /// A page's patient beside one of its register entries (none for a patient without any): the page read as flat rows, an entry a
    /// row, rather than as patients each with a projected collection of entries. EF Core's shaper of a projected collection holds
    /// nested lambdas that it made into delegates anew for every row read (<c>DynamicMethod.CreateDelegate</c>, 5% of the SQLite
    /// hub's busy samples under the page), as its shaper of an <c>Include</c>d one did before.
    /// </summary>
    internal sealed class PatientAndEntry
    {
        public required Patient Patient { get; init; }
        public Condition? Entry { get; init; }
    }

    /// <summary>The projections of <see cref="ProjectPatientAndEntry"/>, by whether the patients are read as their keys and the entries without their codes.</summary>
    private static readonly Expression<Func<PatientAndEntry, PatientAndEntry>>[] PatientAndEntryProjections =
        [.. from keysAlone in new[] { false, true } from withoutCodes in new[] { false, true } select ProjectPatientAndEntry(keysAlone, withoutCodes)];

    /// <summary>
    /// A row's patient (whole, or with <paramref name="keysAlone"/> its <see cref="PatientKeyFields.Keys"/>) and its entry (whole, or
    /// with <paramref name="withoutCodes"/> as <see cref="ConditionFields.WithoutCodes"/>; none where the patient has none).
    /// </summary>
    private static Expression<Func<PatientAndEntry, PatientAndEntry>> ProjectPatientAndEntry(bool keysAlone, bool withoutCodes)
    {
        var row = Expression.Parameter(typeof(PatientAndEntry), "row");
        var patient = Expression.Property(row, nameof(PatientAndEntry.Patient));
        var entry = Expression.Property(row, nameof(PatientAndEntry.Entry));
        var noEntry = Expression.Constant(null, typeof(Condition));
        return Expression.Lambda<Func<PatientAndEntry, PatientAndEntry>>(
            Expression.MemberInit(Expression.New(typeof(PatientAndEntry)),
                Expression.Bind(patient.Member,
                    keysAlone ? ExpressionRules.BodyOn(PatientKeyFields.Keys, patient) : patient),
                Expression.Bind(entry.Member, withoutCodes
                    ? Expression.Condition(Expression.Equal(entry, noEntry), noEntry,
                        ExpressionRules.BodyOn(ConditionFields.WithoutCodes, entry))
                    : entry)),
            row);
    }

    /// <summary>
    /// One page in pseudonym order, reading one row beyond it to learn whether another page follows. The total, when counted, is
    /// counted first: when few match, the page is sorted from every match (<see cref="FewPatients"/>).
    /// </summary>
    private static async Task<Connection<Patient>> PageByIdAsync(
        IQueryable<Patient> patients, PhmDbContext db, int first, string? after, bool countTotal, ConditionsByPatientLoader? conditions,
        bool sortEveryMatch, CancellationToken cancellationToken)
    {
        int? total = countTotal ? await patients.CountAsync(cancellationToken) : null;
        sortEveryMatch |= total <= FewPatients && db.SortsFewMatchesBeforePaging;
        var page = InIdOrder(patients, after is null ? null : ExpressionRules.Captured(PseudonymAfter(after)), Expression.Constant(first + 1), sortEveryMatch);
        var rows = conditions is null
            ? await db.ReadWholeAsync(page, cancellationToken)
            : Primed(await db.ReadWholeAsync(WithTheirConditions(page), cancellationToken), conditions);
        return ToConnection(rows, first, after, total);
    }

    /// <summary>The pseudonym a cursor of id order (already validated) wraps.</summary>
    internal static string PseudonymAfter(string after) => Cursors.Decode(after)!;

    /// <summary>
    /// <paramref name="patients"/> in pseudonym order, after <paramref name="afterPseudonym"/> when given, the first <paramref name="take"/>
    /// (the page and one beyond); the values as expressions (captured, or a compiled query's parameters, <see cref="CompiledPatientPages"/>).
    /// </summary>
    internal static IQueryable<Patient> InIdOrder(IQueryable<Patient> patients, Expression? afterPseudonym, Expression take, bool sortEveryMatch)
    {
        var page = afterPseudonym is null ? patients : patients.Where(ExpressionRules.Bind(After, afterPseudonym));
        page = sortEveryMatch ? page.OrderBy(ByPseudonymSortedAfterFiltering) : page.OrderBy(p => p.Pseudonym);
        return page.Provider.CreateQuery<Patient>(Expression.Call(TakePatients, page.Expression, take));
    }

    private static readonly Expression<Func<Patient, string, bool>> After = (p, afterPseudonym) => string.Compare(p.Pseudonym, afterPseudonym) > 0;

    private static readonly MethodInfo TakePatients = new Func<IQueryable<Patient>, int, IQueryable<Patient>>(Queryable.Take).Method;

    /// <summary>
    /// A page with each patient's register entries read in the same statement (see <see cref="Primed"/>), as rows of a patient and one
    /// entry in the page's order and each patient's entries in the loader's (<see cref="ConditionsByPatientLoader.InOrder"/>); with
    /// <paramref name="keysAlone"/>, each patient read as its <see cref="PatientKeyFields.Keys"/>, with <paramref name="entriesWithoutCodes"/>
    /// each entry as <see cref="ConditionFields.WithoutCodes"/>.
    /// </summary>
    internal static IQueryable<PatientAndEntry> WithTheirConditions(IQueryable<Patient> page, bool keysAlone = false, bool entriesWithoutCodes = false) =>
        ConditionsByPatientLoader.InOrder(
                page.SelectMany(p => p.Conditions.DefaultIfEmpty(), (p, c) => new PatientAndEntry { Patient = p, Entry = c })
                    .OrderBy(row => row.Patient.Pseudonym).ThenBy(row => row.Patient.Id),
                row => row.Entry!)
            .Select(PatientAndEntryProjections[(keysAlone ? 2 : 0) + (entriesWithoutCodes ? 1 : 0)])
            .IgnoreQueryFilters([PhmDbContext.ConditionScope]);

    /// <summary>
    /// The page's patients from its rows (<see cref="WithTheirConditions"/>), their register entries given to <paramref name="conditions"/>
    /// so that their <c>conditions</c> read nothing more (entries read <paramref name="withoutCodes"/> for these patient objects alone,
    /// <see cref="ConditionsByPatientLoader.ReadWithPage"/>).
    /// </summary>
    internal static List<Patient> Primed(List<PatientAndEntry> rows, ConditionsByPatientLoader conditions, bool withoutCodes = false)
    {
        List<Patient> patients = [];
        for (var i = 0; i < rows.Count;)
        {
            var patient = rows[i].Patient;
            List<Condition> entries = [];
            for (; i < rows.Count && rows[i].Patient.Id == patient.Id; i++)
            {
                if (rows[i].Entry is { } entry)
                    entries.Add(entry);
            }
            conditions.ReadWithPage(patient, entries, withoutCodes);
            patients.Add(patient);
        }
        return patients;
    }

    /// <summary>The connection of a page in id order read one row beyond <paramref name="first"/>.</summary>
    internal static Connection<Patient> ToConnection(IReadOnlyList<Patient> rows, int first, string? after, int? totalCount) =>
        Paging.ToConnection(rows, first, afterACursor: after is not null, p => Cursors.Encode(p.Pseudonym), totalCount);
}
