using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Phm.Data.Patients;
using Phm.Data.Population;

namespace Phm.Data.Store;

/// <summary>
/// Writes a population through the provider's bulk path (<see cref="IBulkCopy"/>) inside the caller's transaction: EF
/// Core's SaveChanges costs about 20 µs a row, which would make a city's first start take minutes. Secondary indexes
/// (and, where the provider can, foreign keys) are dropped for the load and rebuilt once at the end, then the
/// registers each patient holds on the reference date are derived from the rows (<see cref="RegisterRules.WriteRegistersHeldAsync"/>),
/// and the planner's statistics are refreshed.
/// </summary>
public sealed class BulkWriter(PhmDbContext db)
{
    private readonly IModel _model = ModelDdl.DesignTimeModel(db);

    /// <summary>The tables a write fills: the population's and the registers held derived from it.</summary>
    public static IReadOnlyList<string> TablesOf(PhmDbContext db) =>
        [.. new PopulationRows(ModelDdl.DesignTimeModel(db)).Tables.Select(t => t.Name), db.Model.FindEntityType(typeof(RegisterHeld))!.GetTableName()!];

    public async Task WriteAsync(IEnumerable<GeneratedPatient> population, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Bulk writes must run inside a transaction, so a failure leaves nothing half-written.");

        var bulkCopy = db.CreateBulkCopy();
        var rows = new PopulationRows(_model);
        var tables = rows.Tables.ToList();
        List<IForeignKeyConstraint> constraints = bulkCopy.CanDropForeignKeys ? [.. tables.SelectMany(t => t.ForeignKeyConstraints)] : [];
        var indexes = tables.SelectMany(t => t.Indexes).ToList();

        await ModelDdl.ExecuteAsync(db, _model, [
            .. constraints.Select(fk => new DropForeignKeyOperation { Name = fk.Name, Table = fk.Table.Name, Schema = fk.Table.Schema }),
            .. indexes.Select(index => new DropIndexOperation { Name = index.Name, Table = index.Table.Name, Schema = index.Table.Schema }),
        ], cancellationToken);

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

            if (rows.Count >= bulkCopy.RowsPerCopy)
                await rows.CopyAsync(bulkCopy, cancellationToken);
        }
        await rows.CopyAsync(bulkCopy, cancellationToken);

        await ModelDdl.ExecuteAsync(db, _model, [
            .. indexes.Select(CreateIndexOperation.CreateFrom),
            .. constraints.Select(AddForeignKeyOperation.CreateFrom),
        ], cancellationToken);
        // Set-based, once the indexes the rule reads are back.
        await RegisterRules.WriteRegistersHeldAsync(db, referenceDate, patientIds: null, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(bulkCopy.RefreshStatisticsSql(TablesOf(db)), cancellationToken);
    }
}
