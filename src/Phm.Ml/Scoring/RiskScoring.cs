using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// Keeps the stored scores current with the hub's models (<see cref="IRiskModelSource"/>): every model whose name, version,
/// feature schema or index date differs from what the store holds is scored, each in its own transaction, on features read
/// once at the store's reference date; models already scored cost one small query, so a restart costs nothing. Scores of a
/// model the hub no longer has are removed. Logs counts and timings, never a patient.
/// </summary>
public sealed class RiskScoring(PhmStore store, IRiskModelSource source, IOptions<RiskTierOptions> tiers, TimeProvider time, ILogger<RiskScoring> logger)
{
    /// <summary>Made (and the tier configuration checked) when the service is first resolved: the hub does that before building the store.</summary>
    private readonly RiskRanking _ranking = new(tiers.Value);

    /// <summary>The models whose stored scores are not current, with the reason in words; empty when all are.</summary>
    public async Task<IReadOnlyList<StaleModel>> FindStaleAsync(CancellationToken cancellationToken)
    {
        var models = await CurrentModelsAsync(cancellationToken);
        await using var db = store.CreateContext();
        var referenceDate = await ReferenceDateAsync(db, cancellationToken);
        return await FindStaleAsync(db, models, referenceDate, cancellationToken);
    }

    /// <summary>
    /// The store's preparation lock (<see cref="PhmStore.LockPreparationAsync"/>), taken while the models load on the thread pool,
    /// and returned once they have: the first connection and EF Core's model keep one core busy for a second or two at start, and
    /// loading and checking the models (ML.NET's, compiled) can use the other meanwhile. Scoring asks the source again and gets
    /// the models loaded here; a model refused here is refused with the lock let go.
    /// </summary>
    public async Task<IAsyncDisposable> LockPreparationAsync(CancellationToken cancellationToken)
    {
        var models = Task.Run(() => CurrentModelsAsync(cancellationToken), cancellationToken);
        var preparation = await store.LockPreparationAsync(cancellationToken);
        try
        {
            await models;
            return preparation;
        }
        catch
        {
            await preparation.DisposeAsync();
            throw;
        }
    }

    /// <param name="force">Score every model, current or not.</param>
    public Task<RiskScoringResult> ScoreAsync(bool force, IProgress<RiskScoringProgress>? progress, CancellationToken cancellationToken) =>
        ScoreAsync(store.CreateContext, force, progress, cancellationToken);

    /// <summary>
    /// The store as the hub needs it before serving: ready (<see cref="PhmStore.EnsureReadyAsync(CompleteBuild?, CancellationToken)"/>)
    /// and scored by every current model. A new store is scored before it is published (<see cref="ScoreNewStoreAsync"/>); a reused
    /// one after, if a model changed.
    /// </summary>
    public async Task<StoreManifest> PrepareStoreAsync(CancellationToken cancellationToken)
    {
        var manifest = await store.EnsureReadyAsync(ScoreNewStoreAsync, cancellationToken);
        await ScoreAsync(force: false, progress: null, cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Scores a store the hub has just built, before it is published (<see cref="PhmStore.EnsureReadyAsync(CompleteBuild?, CancellationToken)"/>):
    /// on SQLite the scores go into the building file with the rest of it, with none of the write-ahead log's double writes and syncs.
    /// </summary>
    public Task ScoreNewStoreAsync(Func<PhmDbContext> createContext, CancellationToken cancellationToken) =>
        ScoreAsync(createContext, force: false, progress: null, cancellationToken);

    private async Task<RiskScoringResult> ScoreAsync(Func<PhmDbContext> createContext, bool force, IProgress<RiskScoringProgress>? progress, CancellationToken cancellationToken)
    {
        var models = await CurrentModelsAsync(cancellationToken);
        DateOnly referenceDate;
        IReadOnlyList<IRiskModel> toScore;
        List<string> retired;
        await using (var db = createContext())
        {
            referenceDate = await ReferenceDateAsync(db, cancellationToken);
            toScore = force ? models : [.. (await FindStaleAsync(db, models, referenceDate, cancellationToken)).Select(s => s.Model)];
            retired = await RemoveRetiredAsync(db, models, cancellationToken);
        }
        var current = models.Except(toScore).Select(m => m.Info.Name).ToList();
        if (toScore.Count == 0)
        {
            logger.LogInformation("Risk scores are current for {Models} model(s)", models.Count);
            return new RiskScoringResult(referenceDate, [], current, retired);
        }

        var steps = 1 + 2 * toScore.Count;
        progress?.Report(new RiskScoringProgress("Reading the features", 0, steps));
        var phases = new PhaseStopwatch(logger, "Risk scoring");
        var features = await new FeatureReader(createContext).ReadMatrixAsync(referenceDate, cancellationToken);
        var read = phases.Lap("features read");
        logger.LogInformation("Read the risk features of {Patients} living patients at {IndexDate} in {Seconds:F1} s", features.Rows.Count, referenceDate, read.TotalSeconds);

        var writer = new RiskScoreWriter(createContext, _ranking, time, logger);
        bool concurrently;
        await using (var db = createContext())
        {
            concurrently = ScoredModelWriter.ModelsWriteConcurrently(db);
            // Before any writer is open: a write drops what an earlier one left, and beside another writer that drop could deadlock.
            await DropSetAsideAsync(db, toScore.Select(m => m.Info.Name), cancellationToken);
        }
        var writes = new List<Task<ScoredModel>>();
        var done = 1;
        foreach (var model in toScore)
        {
            var info = model.Info;
            progress?.Report(new RiskScoringProgress($"Scoring {info.Name} {info.Version}", done++, steps));
            var predicting = Stopwatch.StartNew();
            var predictions = model.Predict(features);
            CheckRowForRow(info, features, predictions);
            var predicted = predicting.Elapsed;

            progress?.Report(new RiskScoringProgress($"Writing {info.Name} {info.Version}", done++, steps));
            // Where the provider allows, the next model predicts (on the hub's cores) while this one is ranked and written (mostly the
            // server's): started on the thread pool, the ranking (0.7 s of one core at 2,000,000 patients) no longer holds up the next prediction.
            var write = concurrently
                ? Task.Run(() => WriteAsync(writer, info, referenceDate, predictions, predicted, cancellationToken), cancellationToken)
                : WriteAsync(writer, info, referenceDate, predictions, predicted, cancellationToken);
            writes.Add(write);
            if (!concurrently)
                await write;
        }
        var scored = await Task.WhenAll(writes);
        phases.Lap("models predicted and written");
        await using (var db = createContext())
        {
            // Old scores a writer left because another was still open (ScoredModelWriter.ReplaceAsync): none is now.
            await DropSetAsideAsync(db, scored.Select(m => m.Name), cancellationToken);
            if (await ScoredModelWriter.MaintainAfterScoringAsync(db, cancellationToken))
                logger.LogInformation("Brought the risk scores' statistics up to date in {Seconds:F1} s", phases.Lap("risk scores' statistics brought up to date").TotalSeconds);
        }
        progress?.Report(new RiskScoringProgress("Scored", steps, steps));
        return new RiskScoringResult(referenceDate, scored, current, retired);
    }

    private static async Task DropSetAsideAsync(PhmDbContext db, IEnumerable<string> models, CancellationToken cancellationToken)
    {
        var writer = new ScoredModelWriter(db);
        foreach (var model in models)
            await writer.DropSetAsideAsync(model, cancellationToken);
    }

    private async Task<ScoredModel> WriteAsync(RiskScoreWriter writer, RiskModelInfo info, DateOnly referenceDate, IReadOnlyList<PatientPrediction> predictions, TimeSpan predicted, CancellationToken cancellationToken)
    {
        var writing = Stopwatch.StartNew();
        var scored = await writer.WriteAsync(info, referenceDate, predictions, cancellationToken);
        logger.LogInformation("Scored {Model} {Version}: {Patients} patients, predicted in {PredictSeconds:F1} s, written in {WriteSeconds:F1} s",
            info.Name, info.Version, predictions.Count, predicted.TotalSeconds, writing.Elapsed.TotalSeconds);
        return scored;
    }

    private async Task<IReadOnlyList<IRiskModel>> CurrentModelsAsync(CancellationToken cancellationToken)
    {
        var models = await source.CurrentModelsAsync(cancellationToken);
        var twice = models.GroupBy(m => m.Info.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidOperationException($"Model {twice.Key} is offered in more than one version ({string.Join(", ", twice.Select(m => m.Info.Version))}); the hub scores one version per model.");
        return models;
    }

    private static async Task<DateOnly> ReferenceDateAsync(PhmDbContext db, CancellationToken cancellationToken) =>
        await db.Manifest.Select(m => (DateOnly?)m.ReferenceDate).SingleOrDefaultAsync(cancellationToken)
        ?? throw new InvalidOperationException("The store is not built yet: risk scores need its population (run the hub or `phm build` first).");

    private static async Task<IReadOnlyList<StaleModel>> FindStaleAsync(PhmDbContext db, IReadOnlyList<IRiskModel> models, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var stored = await db.ScoredModels.AsNoTracking()
            .Select(m => new { m.Name, m.Version, m.FeatureSchemaHash, m.ScoredOn })
            .ToDictionaryAsync(m => m.Name, StringComparer.Ordinal, cancellationToken);
        var stale = new List<StaleModel>();
        foreach (var model in models)
        {
            var info = model.Info;
            string? reason = !stored.TryGetValue(info.Name, out var scored) ? "not scored"
                : scored.Version != info.Version ? $"scored with version {scored.Version}"
                : scored.FeatureSchemaHash != info.FeatureSchemaHash ? $"scored with features {scored.FeatureSchemaHash}, the model's are {info.FeatureSchemaHash}"
                : scored.ScoredOn != referenceDate ? $"scored at {scored.ScoredOn:yyyy-MM-dd}, the store's reference date is {referenceDate:yyyy-MM-dd}"
                : !await ContributionsInCurrentFormAsync(db, info.Name, cancellationToken) ? "its scores' contributions are stored in an earlier form, with their words"
                : null;
            if (reason is not null)
                stale.Add(new StaleModel(model, $"{info.Name} {info.Version}: {reason}"));
        }
        return stale;
    }

    /// <summary>One score tells: a model's scores are all written in one form, by one replacement.</summary>
    private static async Task<bool> ContributionsInCurrentFormAsync(PhmDbContext db, string model, CancellationToken cancellationToken) =>
        await db.RiskScores.IgnoreQueryFilters().Where(s => s.Model == model).OrderBy(s => s.PatientId).Select(s => s.Contributions)
            .FirstOrDefaultAsync(cancellationToken) is not { } contributions || ContributionsJson.IsCurrentForm(contributions);

    private async Task<List<string>> RemoveRetiredAsync(PhmDbContext db, IReadOnlyList<IRiskModel> models, CancellationToken cancellationToken)
    {
        var names = models.Select(m => m.Info.Name).ToList();
        var retired = await db.ScoredModels.Where(m => !names.Contains(m.Name)).Select(m => m.Name).ToListAsync(cancellationToken);
        foreach (var name in retired)
        {
            await new ScoredModelWriter(db).RemoveAsync(name, cancellationToken);
            logger.LogInformation("Removed the scores of {Model}, a model the hub no longer has", name);
        }
        return retired;
    }

    /// <summary>A prediction per feature row, in row order: anything else would put one patient's score on another.</summary>
    private static void CheckRowForRow(RiskModelInfo info, FeatureMatrix features, IReadOnlyList<PatientPrediction> predictions)
    {
        if (predictions.Count != features.Rows.Count)
            throw new InvalidOperationException($"{info.Name} {info.Version} returned {predictions.Count} predictions for {features.Rows.Count} patients.");
        for (var i = 0; i < predictions.Count; i++)
        {
            if (predictions[i].PatientId != features.Rows[i].PatientId)
                throw new InvalidOperationException($"{info.Name} {info.Version} returned its predictions out of the features' order (first at position {i + 1}).");
        }
    }
}

/// <summary>A model whose stored scores are not current, and why, e.g. "mortality-12m 1.1.0: scored with version 1.0.0".</summary>
public sealed record StaleModel(IRiskModel Model, string Reason);

/// <summary>What a scoring did: the models scored now, the names of those already current, and those whose scores were removed.</summary>
public sealed record RiskScoringResult(DateOnly ScoredOn, IReadOnlyList<ScoredModel> Scored, IReadOnlyList<string> Current, IReadOnlyList<string> Retired);

/// <summary>Where a scoring is: a step in words, and how many of its steps are done.</summary>
public sealed record RiskScoringProgress(string Step, int StepsDone, int Steps)
{
    public double Fraction => Steps == 0 ? 1 : (double)StepsDone / Steps;
}
