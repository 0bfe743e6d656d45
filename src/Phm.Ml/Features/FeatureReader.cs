using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Ml.Features;

/// <summary>
/// Computes <see cref="RiskFeatures"/> for every patient alive (and born) on an index date, from what the store held
/// before that day, in the database: a few queries, each ordered by patient id, merged as they stream. Activity is read ahead
/// on a thread of its own, a row a patient and kind (<see cref="ActivityHistory"/>: the counts, the last contact, the bed days);
/// it and the registers are what the store keeps on its reference date, else the rules run as SQL (one grouped pass over
/// activity with a conditional count per window, <see cref="RegisterRules"/>); the LSOAs' figures come from the small LSOA
/// table by code.
/// Each query has a context of its own (from <c>createContext</c>), as PostgreSQL reads one result at a time per connection.
/// </summary>
public sealed class FeatureReader(Func<PhmDbContext> createContext)
{
    public static FeatureSchema Schema => RiskFeatures.Schema;

    /// <summary>
    /// A context whose commands may run as long as they need: at 2,000,000 patients on PostgreSQL under load the activity pass
    /// sent its first row after more than the default 30 s (its sort finishes first), and the scoring at start failed on it.
    /// </summary>
    private PhmDbContext ContextWithoutTimeout()
    {
        var db = createContext();
        db.Database.SetCommandTimeout(0);
        return db;
    }

    /// <summary>
    /// The features of every living patient. The urgent-care ratio is filled in last: its expected counts are the
    /// population's rates by age and sex, summed from the same pass's per-patient counts (no second pass over activity).
    /// </summary>
    public Task<FeatureMatrix> ReadMatrixAsync(DateOnly indexDate, CancellationToken cancellationToken) =>
        ReadMatrixAsync(indexDate, byRule: false, cancellationToken);

    /// <param name="byRule">
    /// Runs the activity and register rules even on the store's reference date, instead of reading the activity histories and
    /// registers the store keeps for it: the two must give the same features.
    /// </param>
    internal async Task<FeatureMatrix> ReadMatrixAsync(DateOnly indexDate, bool byRule, CancellationToken cancellationToken)
    {
        var rows = new List<FeatureRow>();
        var histories = new List<UrgentCareRatio.History>();
        bool kept;
        await using (var db = createContext())
            kept = !byRule && await db.KeepsDerivedRowsOnAsync(indexDate, cancellationToken);
        await foreach (var (row, history) in ReadAsync(indexDate, kept, cancellationToken))
        {
            rows.Add(row);
            histories.Add(history);
        }
        var ratios = UrgentCareRatio.Of(histories);
        for (var i = 0; i < rows.Count; i++)
            rows[i].Features.AsSpan()[RiskFeatures.UrgentCareRatioSlot] = ratios[i];
        return new FeatureMatrix(Schema, indexDate, rows);
    }

    /// <param name="kept">Whether the store keeps the activity histories and registers held on the index date (its reference date).</param>
    private async IAsyncEnumerable<(FeatureRow Row, UrgentCareRatio.History UrgentCare)> ReadAsync(DateOnly indexDate, bool kept, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var activityDb = ContextWithoutTimeout();
        await using var singleProcess = await activityDb.BeginSingleProcessReadAsync(cancellationToken);
        await using var activityRows = new PrefetchedRows<ActivityHistory>(ActivityHistories(activityDb, indexDate, kept), cancellationToken);
        await using var activity = new PatientCursor<ActivityHistory>(activityRows, a => a.PatientId, "activity");
        var registerHolders = await ReadRegisterHoldersAsync(indexDate, kept, cancellationToken);

        var neighbourhoods = await ReadNeighbourhoodsAsync(cancellationToken);
        await using var patientsDb = ContextWithoutTimeout();
        await using var careFlagsDb = ContextWithoutTimeout();
        await using var careFlags = new PatientCursor<PatientCareFlag>(CareFlagsQuery(careFlagsDb, indexDate).AsAsyncEnumerable(), f => f.PatientId, "care flags");
        var recordStart = await ReadRecordStartAsync(indexDate, cancellationToken);
        var nextHolder = new int[registerHolders.Length];
        var rowBlocks = new FeatureRowBlocks(Schema.Count);

        await foreach (var patient in PatientsQuery(patientsDb, indexDate).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var features = rowBlocks.Next();
            var age = Patient.AgeOn(patient.BirthYear, patient.BirthMonth, indexDate);
            features[RiskFeatures.Age] = age;
            features[RiskFeatures.Sex] = (int)patient.Sex;
            features[RiskFeatures.EthnicGroup] = (int)patient.EthnicGroup;
            neighbourhoods[patient.LsoaCode].CopyTo(features.AsSpan(RiskFeatures.ImdScore));

            var registers = 0;
            for (var r = 0; r < registerHolders.Length; r++)
            {
                var holders = registerHolders[r];
                while (nextHolder[r] < holders.Length && holders[nextHolder[r]] < patient.Id)
                    nextHolder[r]++;
                if (nextHolder[r] < holders.Length && holders[nextHolder[r]] == patient.Id)
                {
                    features[RiskFeatures.RegisterSlot(r)] = 1;
                    registers++;
                }
            }
            features[RiskFeatures.RegisterCount] = registers;

            features[RiskFeatures.DaysSinceEmergencyAdmission] = RiskFeatures.DaysSinceEmergencyAdmissionCap;
            var historyStart = Math.Max(recordStart.DayNumber, new DateOnly(patient.BirthYear, patient.BirthMonth, 1).DayNumber);
            var historyYears = Math.Round(Math.Max(1, (indexDate.DayNumber - historyStart) / DaysPerYear), 1);
            var (urgentInHistory, plannedInHistory) = (0, 0);
            await activity.ApplyAsync(patient.Id, features, (counts, values) =>
            {
                var kind = Array.IndexOf(RiskFeatures.ActivityKinds, counts.Kind);
                for (var window = 0; window < ActivityHistory.WindowMonths.Count; window++)
                    values[RiskFeatures.ActivityCountSlot(kind, window)] = counts.InWindow(window);
                values[RiskFeatures.RatePerYearSlot(kind)] = PerYear(counts.InHistory, historyYears);
                values[RiskFeatures.BedDays] += counts.BedDays;
                var urgent = Activity.UrgentCareKinds.Contains(counts.Kind);
                values[urgent ? RiskFeatures.UrgentCareContacts : RiskFeatures.PlannedCareContacts] += counts.In24Months;
                if (urgent)
                    urgentInHistory += counts.InHistory;
                else
                    plannedInHistory += counts.InHistory;
                if (counts.Kind == ActivityKind.EmergencyAdmission)
                    values[RiskFeatures.DaysSinceEmergencyAdmission] = Math.Min(indexDate.DayNumber - counts.Last.DayNumber, RiskFeatures.DaysSinceEmergencyAdmissionCap);
            });
            features[RiskFeatures.UrgentCareRate] = PerYear(urgentInHistory, historyYears);
            features[RiskFeatures.PlannedCareRate] = PerYear(plannedInHistory, historyYears);
            await careFlags.ApplyAsync(patient.Id, features, (flag, values) =>
                values[RiskFeatures.CareFlagSlot(Array.IndexOf(RiskFeatures.CareFlagKinds, flag.Kind))] = 1);

            yield return (new FeatureRow(patient.Id, features), new(age, patient.Sex, urgentInHistory, historyYears));
        }
    }

    private const double DaysPerYear = 365.25;

    /// <summary>A count over the years observed, to one decimal (as its words read).</summary>
    private static float PerYear(int count, double years) => (float)Math.Round(count / years, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// For each register, in <see cref="RiskFeatures.Registers"/> order, the ids of patients on it on the day, ascending: at the
    /// store's reference date (scoring) those the store keeps, the dead among them too, whom the merge never asks for; on other
    /// days (training) the living ones by the rule.
    /// </summary>
    private async Task<int[][]> ReadRegisterHoldersAsync(DateOnly indexDate, bool kept, CancellationToken cancellationToken)
    {
        await using var db = ContextWithoutTimeout();
        return kept
            ? await ReadKeptRegisterHoldersAsync(db, cancellationToken)
            : await RunRegisterRuleAsync(db, indexDate, cancellationToken);
    }

    /// <summary>
    /// The registers held, one statement in the order of their (Register, PatientId) index: a read of the index where the rule
    /// reads each register's diagnoses and resolutions and looks at the patients, a statement per register (a third of the
    /// features' PostgreSQL CPU at 300,000 patients).
    /// </summary>
    private static async Task<int[][]> ReadKeptRegisterHoldersAsync(PhmDbContext db, CancellationToken cancellationToken)
    {
        var slotOf = RiskFeatures.Registers.Index().ToDictionary(r => r.Item, r => r.Index);
        var holders = RiskFeatures.Registers.Select(_ => new List<int>()).ToArray();
        var held = db.RegistersHeld.AsNoTracking().OrderBy(h => h.Register).ThenBy(h => h.PatientId).Select(h => new { h.Register, h.PatientId });
        await foreach (var row in held.AsAsyncEnumerable().WithCancellation(cancellationToken))
            holders[slotOf[row.Register]].Add(row.PatientId);
        return [.. holders.Select(h => h.ToArray())];
    }

    private static async Task<int[][]> RunRegisterRuleAsync(PhmDbContext db, DateOnly indexDate, CancellationToken cancellationToken)
    {
        var holders = new int[RiskFeatures.Registers.Length][];
        for (var r = 0; r < holders.Length; r++)
        {
            holders[r] = await Living(db, indexDate).OnRegister(db.Conditions, RiskFeatures.Registers[r], indexDate)
                .Select(p => p.Id).OrderBy(id => id).ToArrayAsync(cancellationToken);
        }
        return holders;
    }

    private static IQueryable<Patient> Living(PhmDbContext db, DateOnly indexDate) =>
        db.Patients.AsNoTracking().AliveOn(indexDate).BornBy(indexDate);

    private static IQueryable<PatientOnIndexDate> PatientsQuery(PhmDbContext db, DateOnly indexDate) =>
        Living(db, indexDate)
            .OrderBy(p => p.Id)
            .Select(p => new PatientOnIndexDate(p.Id, p.BirthYear, p.BirthMonth, p.Sex, p.EthnicGroup, p.LsoaCode));

    /// <summary>
    /// The deprivation features of every LSOA, in slot order from <see cref="RiskFeatures.ImdScore"/>: a few hundred rows,
    /// looked up by code as the patients stream (joining them in SQL costs half as much again as the patients' own rows).
    /// </summary>
    private async Task<Dictionary<string, float[]>> ReadNeighbourhoodsAsync(CancellationToken cancellationToken)
    {
        await using var db = ContextWithoutTimeout();
        var lsoas = await db.Lsoas.AsNoTracking()
            .Select(l => new { l.Code, l.ImdScore, l.Domains, l.NationalQuintile, l.LocalQuintile })
            .ToListAsync(cancellationToken);
        return lsoas.ToDictionary(l => l.Code, l => (float[])
        [
            (float)l.ImdScore, .. RiskFeatures.DecilesInOrder(l.Domains).Select(d => (float)d), l.NationalQuintile, l.LocalQuintile ?? RiskFeatures.OutsideLocalAuthority,
        ], StringComparer.Ordinal);
    }

    /// <summary>
    /// Everyone's activity before the index date by patient and kind, in that order: the rows the store keeps on its reference
    /// date (<see cref="PhmDbContext.ReadKeptActivityHistories"/>), else one pass over the activity by the rule (the order of the
    /// activity index, so no sort). The kept rows include the dead, whom the merge never asks for.
    /// </summary>
    private static IEnumerable<ActivityHistory> ActivityHistories(PhmDbContext db, DateOnly indexDate, bool kept) =>
        kept
            ? db.ReadKeptActivityHistories()
            : ActivityHistory.Before(db.Activities.AsNoTracking(), indexDate).OrderBy(h => h.PatientId).ThenBy(h => h.Kind).AsEnumerable();

    /// <summary>The earliest activity record before the index date (the index date itself when there is none): where the store's history starts.</summary>
    private async Task<DateOnly> ReadRecordStartAsync(DateOnly indexDate, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        var start = indexDate;
        // A seek per kind on the (kind, date) index: the minimum over all kinds at once would scan the table.
        foreach (var kind in RiskFeatures.ActivityKinds)
        {
            var first = await db.Activities.Where(a => a.Kind == kind && a.Date < indexDate).OrderBy(a => a.Date).Select(a => (DateOnly?)a.Date).FirstOrDefaultAsync(cancellationToken);
            if (first < start)
                start = first.Value;
        }
        return start;
    }

    private static IQueryable<PatientCareFlag> CareFlagsQuery(PhmDbContext db, DateOnly indexDate) =>
        db.CareFlags.AsNoTracking()
            .Where(f => f.RecordedOn <= indexDate)
            .Select(f => new { f.PatientId, f.Kind })
            .Distinct()
            .OrderBy(f => f.PatientId).ThenBy(f => f.Kind)
            .Select(f => new PatientCareFlag(f.PatientId, f.Kind));

    private sealed record PatientOnIndexDate(int Id, int BirthYear, int BirthMonth, Sex Sex, EthnicGroup EthnicGroup, string LsoaCode);

    private sealed record PatientCareFlag(int PatientId, CareFlagKind Kind);
}
