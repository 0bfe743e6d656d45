using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Aggregates;

/// <summary>
/// Keeps <see cref="PopulationCell"/>s and <see cref="RiskScoreCell"/>s equal to what counting the patients and scores would give,
/// inside the transaction of whatever changes them: the store's build (everyone), an ingest batch (the cells its changed patients
/// were and are in, and its new patients), a model's scores written or removed (that model). Each refresh deletes the
/// cells concerned and writes them again by one INSERT … SELECT of the counting query (<see cref="DerivedRows"/>), so the sums are
/// the database's own, exactly as the query they stand for would make them. The one exception is a batch's new patients, whose
/// whole-number counts are added to the living patients' cells (<see cref="AddNewPatientsAsync"/>); nothing is ever added to a
/// probability sum, which summed in another order could differ in its last bits.
/// The reference date changes only with a rebuild; deaths reach the store only through an ingest, which refreshes their cells.
/// </summary>
public static class KeptCells
{
    /// <summary>The derived tables written here, for the planner's statistics.</summary>
    internal static Type[] Rows { get; } = [typeof(PopulationCell), typeof(RiskScoreCell)];

    /// <summary>Rewrites every cell: the living patients' at <paramref name="referenceDate"/> and every model's scores.</summary>
    public static async Task RefreshAsync(PhmDbContext db, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        await db.Set<PopulationCell>().IgnoreQueryFilters().ExecuteDeleteAsync(cancellationToken);
        await DerivedRows.InsertAsync(db, PopulationOf(Patients(db).AliveOn(referenceDate)), PopulationColumns, cancellationToken);
        await RefreshScoresAsync(db, cancellationToken);
    }

    /// <summary>Rewrites every model's cells from the scores.</summary>
    public static async Task RefreshScoresAsync(PhmDbContext db, CancellationToken cancellationToken)
    {
        await db.Set<RiskScoreCell>().IgnoreQueryFilters().ExecuteDeleteAsync(cancellationToken);
        await DerivedRows.InsertAsync(db, ScoresOf(db.RiskScores.IgnoreQueryFilters(), Patients(db)), RiskColumns, cancellationToken);
    }

    /// <summary>
    /// Rewrites <paramref name="cells"/>, the living patients' at <paramref name="referenceDate"/> and every model's: for an ingest
    /// batch, the cells its changed patients were and are in. Only those cells' patients are read (by practice, then LSOA), so the
    /// cost follows the changes, not the population.
    /// </summary>
    public static async Task RefreshCellsAsync(PhmDbContext db, DateOnly referenceDate, IReadOnlyCollection<CellKey> cells, CancellationToken cancellationToken)
    {
        foreach (var practice in cells.GroupBy(c => c.PracticeCode))
        {
            var code = practice.Key;
            var lsoas = practice.Select(c => c.LsoaCode).Distinct().ToList();
            await db.Set<PopulationCell>().IgnoreQueryFilters().Where(c => c.PracticeCode == code && EF.Parameter(lsoas).Contains(c.LsoaCode))
                .ExecuteDeleteAsync(cancellationToken);
            await db.Set<RiskScoreCell>().IgnoreQueryFilters().Where(c => c.PracticeCode == code && EF.Parameter(lsoas).Contains(c.LsoaCode))
                .ExecuteDeleteAsync(cancellationToken);
            var patients = Patients(db).Where(p => p.PracticeCode == code && EF.Parameter(lsoas).Contains(p.LsoaCode));
            await DerivedRows.InsertAsync(db, PopulationOf(patients.AliveOn(referenceDate)), PopulationColumns, cancellationToken);
            await DerivedRows.InsertAsync(db, ScoresOf(db.RiskScores.IgnoreQueryFilters(), patients), RiskColumns, cancellationToken);
        }
    }

    /// <summary>
    /// Adds patients new to the store (<paramref name="patientIds"/>, written but not yet counted) to the living patients' cells at
    /// <paramref name="referenceDate"/>, but for those in <paramref name="recounted"/> (counted again whole, them included). Counts
    /// and record-key sums are whole numbers, so adding the new patients' counts to the kept ones gives exactly what counting again
    /// would, without reading the cells' other patients: an ingest batch of new patients spread over every practice would otherwise
    /// count the whole population again. They have no scores yet.
    /// </summary>
    public static async Task AddNewPatientsAsync(
        PhmDbContext db, DateOnly referenceDate, IReadOnlyCollection<int> patientIds, IReadOnlyCollection<CellKey> recounted, CancellationToken cancellationToken)
    {
        if (patientIds.Count == 0)
            return;
        var ids = patientIds.ToList();
        var skipped = recounted.ToHashSet();
        var added = (await PopulationOf(Patients(db).Where(p => EF.Parameter(ids).Contains(p.Id)).AliveOn(referenceDate)).ToListAsync(cancellationToken))
            .Where(c => !skipped.Contains(new CellKey(c.PracticeCode, c.LsoaCode)))
            .ToList();
        if (added.Count == 0)
            return;
        var practices = added.Select(c => c.PracticeCode).Distinct().ToList();
        var cells = db.Set<PopulationCell>().IgnoreQueryFilters().Where(c => EF.Parameter(practices).Contains(c.PracticeCode));
        var summed = (await cells.AsNoTracking().ToListAsync(cancellationToken)).Concat(added)
            .GroupBy(c => new CellKey(c.PracticeCode, c.LsoaCode))
            .Select(g => new PopulationCell
            {
                PracticeCode = g.Key.PracticeCode, LsoaCode = g.Key.LsoaCode, Patients = g.Sum(c => c.Patients), RecordKeySum = g.Sum(c => c.RecordKeySum),
            })
            .ToList();
        await cells.ExecuteDeleteAsync(cancellationToken);
        db.PopulationCells.AddRange(summed);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Rewrites <paramref name="model"/>'s cells from its scores (none, once they are removed).</summary>
    public static Task RefreshModelAsync(PhmDbContext db, string model, CancellationToken cancellationToken) =>
        RefreshModelAsync(db, model, db.RiskScores.IgnoreQueryFilters(), cancellationToken);

    /// <summary>
    /// Rewrites <paramref name="model"/>'s cells from its new scores where they were loaded (<paramref name="loadTable"/>: a table
    /// of their own, or the scores' table itself where they are replaced in place), before they are put in place: counted there,
    /// in the writer's transaction, they do not hold up another model's writer waiting for its turn to swap
    /// (<see cref="Risk.IModelScoresReplacement.SwapTurnAsync"/>).
    /// </summary>
    public static Task RefreshModelAsync(PhmDbContext db, string model, string loadTable, CancellationToken cancellationToken)
    {
        // The table's name is the writer's own, delimited by the provider; nothing of it comes from outside.
        var loaded = "SELECT * FROM " + db.GetService<ISqlGenerationHelper>().DelimitIdentifier(loadTable);
        return RefreshModelAsync(db, model, db.RiskScores.FromSqlRaw(loaded).IgnoreQueryFilters(), cancellationToken);
    }

    private static async Task RefreshModelAsync(PhmDbContext db, string model, IQueryable<Risk.RiskScore> scores, CancellationToken cancellationToken)
    {
        await db.Set<RiskScoreCell>().IgnoreQueryFilters().Where(c => c.Model == model).ExecuteDeleteAsync(cancellationToken);
        await DerivedRows.InsertAsync(db, ScoresOf(scores.Where(s => s.Model == model), Patients(db)), RiskColumns, cancellationToken);
    }

    /// <summary>The cells <paramref name="patientIds"/> are in now (before an ingest batch changes them, and after).</summary>
    public static async Task<IReadOnlyCollection<CellKey>> CellsOfAsync(PhmDbContext db, IReadOnlyCollection<int> patientIds, CancellationToken cancellationToken)
    {
        if (patientIds.Count == 0)
            return [];
        var ids = patientIds.ToList();
        var cells = await db.Patients.IgnoreQueryFilters().Where(p => EF.Parameter(ids).Contains(p.Id)).Select(p => new { p.PracticeCode, p.LsoaCode }).Distinct()
            .ToListAsync(cancellationToken);
        return [.. cells.Select(c => new CellKey(c.PracticeCode, c.LsoaCode))];
    }

    /// <summary>Whether the store has patients but no cells of them: a store built before they were kept.</summary>
    public static async Task<bool> MissingAsync(PhmDbContext db, CancellationToken cancellationToken) =>
        !await db.Set<PopulationCell>().IgnoreQueryFilters().AnyAsync(cancellationToken) && await db.Patients.IgnoreQueryFilters().AnyAsync(cancellationToken);

    private static IQueryable<Patient> Patients(PhmDbContext db) => db.Patients.IgnoreQueryFilters();

    private static readonly string[] PopulationColumns =
        [nameof(PopulationCell.PracticeCode), nameof(PopulationCell.LsoaCode), nameof(PopulationCell.Patients), nameof(PopulationCell.RecordKeySum)];

    /// <summary>The deprivation profile's counting query: living patients by practice and LSOA.</summary>
    private static IQueryable<PopulationCell> PopulationOf(IQueryable<Patient> living) =>
        living.WithRecordKeys(p => p.Id)
            .GroupBy(k => new { k.Row.PracticeCode, k.Row.LsoaCode })
            .Select(g => new PopulationCell { PracticeCode = g.Key.PracticeCode, LsoaCode = g.Key.LsoaCode, Patients = g.Count(), RecordKeySum = g.Sum(k => k.RecordKey) });

    private static readonly string[] RiskColumns =
    [
        nameof(RiskScoreCell.Model), nameof(RiskScoreCell.PracticeCode), nameof(RiskScoreCell.LsoaCode), nameof(RiskScoreCell.Tier),
        nameof(RiskScoreCell.Patients), nameof(RiskScoreCell.RecordKeySum), nameof(RiskScoreCell.ProbabilitySum),
    ];

    /// <summary>The risk distribution's counting query: scores joined to their patients, by model, practice, LSOA and tier.</summary>
    private static IQueryable<RiskScoreCell> ScoresOf(IQueryable<Risk.RiskScore> scores, IQueryable<Patient> patients) =>
        scores.Join(patients, s => s.PatientId, p => p.Id, (s, p) => new ScoredPatient { Id = p.Id, Model = s.Model, PracticeCode = p.PracticeCode, LsoaCode = p.LsoaCode, Tier = s.Tier, Probability = s.Probability })
            .WithRecordKeys(s => s.Id)
            .GroupBy(k => new { k.Row.Model, k.Row.PracticeCode, k.Row.LsoaCode, k.Row.Tier })
            .Select(g => new RiskScoreCell
            {
                Model = g.Key.Model,
                PracticeCode = g.Key.PracticeCode,
                LsoaCode = g.Key.LsoaCode,
                Tier = g.Key.Tier,
                Patients = g.Count(),
                RecordKeySum = g.Sum(k => k.RecordKey),
                ProbabilitySum = g.Sum(k => k.Row.Probability),
            });

    private sealed class ScoredPatient
    {
        public int Id { get; init; }
        public required string Model { get; init; }
        public required string PracticeCode { get; init; }
        public required string LsoaCode { get; init; }
        public Risk.RiskTier Tier { get; init; }
        public double Probability { get; init; }
    }
}

/// <summary>A practice and an LSOA: the key of a living patients' cell, and with a model and a tier of a score cell.</summary>
public readonly record struct CellKey(string PracticeCode, string LsoaCode);
