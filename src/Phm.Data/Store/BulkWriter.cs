using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Phm.Data.Aggregates;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Segmentation;

namespace Phm.Data.Store;

/// <summary>
/// Writes a population through the provider's bulk path (<see cref="IBulkCopy"/>) inside the caller's transaction: EF
/// Core's SaveChanges costs about 20 µs a row, which would make a city's first start take minutes. Secondary indexes
/// are dropped for the load and rebuilt once after it (and, where the rows went in as committed, the loaded tables' statistics
/// refreshed); then the rows derived from the population are written, each patient's activity histories and registers held
/// on the reference date and then each one's segment (<see cref="ActivityHistory.WriteKeptAsync"/>,
/// <see cref="RegisterRules.WriteRegistersHeldAsync"/>, <see cref="SegmentRules.WriteSegmentsAsync"/>), then the kept cells
/// counted (<see cref="KeptCells"/>). Foreign keys, where the provider can drop them, are dropped for all of it and checked
/// once at the end; then the planner's statistics are refreshed.
/// </summary>
public sealed class BulkWriter(PhmDbContext db, PhaseStopwatch phases)
{
    /// <summary>Batches the generator may make ahead of the copy: enough to ride out an uneven batch, few enough to die young.</summary>
    private const int BatchesAhead = 4;

    private readonly IModel _model = ModelDdl.DesignTimeModel(db);

    /// <summary>The tables a write fills: the population's and those derived from it (activity histories, registers held, segments, kept cells).</summary>
    public static IReadOnlyList<string> TablesOf(PhmDbContext db) =>
        [.. new PopulationRows(ModelDdl.DesignTimeModel(db)).Tables.Select(t => t.Name), .. DerivedRows.TableNames(db)];

    /// <param name="tablesEmptiedInTransaction">
    /// Whether the caller emptied the population's tables by the provider's truncation in this transaction
    /// (<see cref="IBulkCopy.TruncateSql"/>): the rows are then copied in as already committed.
    /// </param>
    public async Task WriteAsync(IEnumerable<GeneratedPatient> population, DateOnly referenceDate, bool tablesEmptiedInTransaction, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Bulk writes must run inside a transaction, so a failure leaves nothing half-written.");

        var bulkCopy = db.CreateBulkCopy();
        var tables = new PopulationRows(_model).Tables.ToList();
        // The derived tables' too: checked row by row, the activity histories' key took 70 s of a 2,000,000-patient build on
        // PostgreSQL (10.5 M rows), checked once at the end 3 s.
        List<IForeignKeyConstraint> constraints = bulkCopy.CanDropForeignKeys ? [.. tables.Concat(DerivedRows.Tables(_model)).SelectMany(t => t.ForeignKeyConstraints)] : [];
        var indexes = tables.SelectMany(t => t.Indexes).ToList();

        await ModelDdl.ExecuteAsync(db, _model, [
            .. constraints.Select(fk => new DropForeignKeyOperation { Name = fk.Name, Table = fk.Table.Name, Schema = fk.Table.Schema }),
            .. indexes.Select(index => new DropIndexOperation { Name = index.Name, Table = index.Table.Name, Schema = index.Table.Schema }),
        ], cancellationToken);

        await CopyAsGeneratedAsync(population, bulkCopy, tablesEmptiedInTransaction, cancellationToken);
        phases.Lap("population generated and bulk-copied");

        await ModelDdl.ExecuteAsync(db, _model, [.. indexes.Select(CreateIndexOperation.CreateFrom)], cancellationToken);
        phases.Lap("secondary indexes built");
        // Rows copied in as committed leave their pages all-visible, which the planner learns (with the tables' sizes) only from
        // the statistics: without them PostgreSQL took 10.5 M groups of activity for 40,000 and hashed them, spilling to disk,
        // where the index alone serves. SQLite plans the derived rows well without, and its ANALYZE takes seconds.
        if (tablesEmptiedInTransaction)
        {
            await db.Database.ExecuteSqlRawAsync(bulkCopy.RefreshStatisticsSql([.. tables.Select(t => t.Name)]), cancellationToken);
            phases.Lap("loaded tables' statistics refreshed");
        }
        // Set-based, once the indexes the rules read are back.
        await ActivityHistory.WriteKeptAsync(db, referenceDate, patientIds: null, cancellationToken);
        phases.Lap("activity histories written");
        await RegisterRules.WriteRegistersHeldAsync(db, referenceDate, patientIds: null, cancellationToken);
        phases.Lap("registers held written");
        await SegmentRules.WriteSegmentsAsync(db, referenceDate, patientIds: null, cancellationToken);
        phases.Lap("segments written");
        await KeptCells.RefreshAsync(db, referenceDate, cancellationToken);
        phases.Lap("cells kept");
        await ModelDdl.ExecuteAsync(db, _model, [.. constraints.Select(AddForeignKeyOperation.CreateFrom)], cancellationToken);
        phases.Lap("foreign keys checked");
        await db.Database.ExecuteSqlRawAsync(bulkCopy.RefreshStatisticsSql(TablesOf(db)), cancellationToken);
        phases.Lap("statistics refreshed");
    }

    /// <summary>
    /// Generating the rows (the generator, then each row's values) costs about as much CPU as the provider's copy of them, so a
    /// thread of its own makes the next batches while the copy writes the last, in the same order: a small server's second core
    /// works too. A failed copy stops the generator; a failed generator ends the copy with its exception.
    /// </summary>
    private async Task CopyAsGeneratedAsync(IEnumerable<GeneratedPatient> population, IBulkCopy bulkCopy, bool tablesEmptiedInTransaction, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<PopulationRows>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var generating = Task.Run(() => GenerateAsync(population, batches.Writer, bulkCopy.RowsPerCopy, tablesEmptiedInTransaction, stop.Token), stop.Token);
        var copying = CopyAllAsync(batches.Reader, bulkCopy, stop);
        // The generator's exception first: the copy's is then only the generator's, seen through the channel.
        await Task.WhenAll(generating, copying);
    }

    private async Task GenerateAsync(IEnumerable<GeneratedPatient> population, ChannelWriter<PopulationRows> batches, int rowsPerCopy, bool tablesEmptiedInTransaction, CancellationToken cancellationToken)
    {
        try
        {
            var rows = new PopulationRows(_model, tablesEmptiedInTransaction);
            // Child rows are numbered in the order they are written.
            long conditionId = 0, activityId = 0, careFlagId = 0, prescriptionId = 0, procedureId = 0;
            foreach (var (patient, truth) in population)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.AddPatient(patient);
                rows.AddTruth(truth);
                foreach (var condition in patient.Conditions)
                    rows.AddCondition(++conditionId, patient.Id, condition);
                foreach (var activity in patient.Activities)
                    rows.AddActivity(++activityId, patient.Id, activity);
                foreach (var flag in patient.CareFlags)
                    rows.AddCareFlag(++careFlagId, patient.Id, flag);
                foreach (var prescription in patient.Prescriptions)
                    rows.AddPrescription(++prescriptionId, patient.Id, prescription);
                foreach (var procedure in patient.Procedures)
                    rows.AddProcedure(++procedureId, patient.Id, procedure);

                if (rows.Count >= rowsPerCopy)
                {
                    await batches.WriteAsync(rows, cancellationToken);
                    rows = new PopulationRows(_model, tablesEmptiedInTransaction);
                }
            }
            await batches.WriteAsync(rows, cancellationToken);
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.Complete(e);
            throw;
        }
    }

    private static async Task CopyAllAsync(ChannelReader<PopulationRows> batches, IBulkCopy bulkCopy, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var rows in batches.ReadAllAsync(stop.Token))
                await rows.CopyAsync(bulkCopy, stop.Token);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }
}
