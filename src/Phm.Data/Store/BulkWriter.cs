using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Phm.Data.Patients;

namespace Phm.Data.Store;

/// <summary>
/// Writes a population through the provider's bulk path (<see cref="IBulkCopy"/>) inside the caller's transaction: EF
/// Core's SaveChanges costs about 20 µs a row, which would make a city's first start take minutes. Secondary indexes
/// (and, where the provider can, foreign keys) are dropped for the load and rebuilt once at the end, then the
/// planner's statistics are refreshed.
/// </summary>
public sealed class BulkWriter(PhmDbContext db)
{
    private static readonly Type[] BulkEntities = [typeof(Patient), typeof(Condition), typeof(Activity), typeof(CareFlag)];

    /// <summary>The full model: the runtime one is trimmed to what queries need and lacks index details the DDL needs.</summary>
    private readonly IModel _model = db.GetService<IDesignTimeModel>().Model;

    public async Task<BulkWriteCounts> WriteAsync(IEnumerable<Patient> patients, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Bulk writes must run inside a transaction, so a failure leaves nothing half-written.");

        var bulkCopy = db.CreateBulkCopy();
        var tables = BulkEntities.Select(TableOf).ToList();
        List<IForeignKeyConstraint> constraints = bulkCopy.CanDropForeignKeys ? [.. tables.SelectMany(t => t.ForeignKeyConstraints)] : [];
        var indexes = tables.SelectMany(t => t.Indexes).ToList();

        await ExecuteAsync([
            .. constraints.Select(fk => new DropForeignKeyOperation { Name = fk.Name, Table = fk.Table.Name, Schema = fk.Table.Schema }),
            .. indexes.Select(index => new DropIndexOperation { Name = index.Name, Table = index.Table.Name, Schema = index.Table.Schema }),
        ], cancellationToken);

        var patientRows = new RowBuffer(TableOf(typeof(Patient)), nameof(Patient.Id), nameof(Patient.Pseudonym), nameof(Patient.PracticeCode), nameof(Patient.LsoaCode), nameof(Patient.BirthYear), nameof(Patient.BirthMonth), nameof(Patient.Sex), nameof(Patient.EthnicGroup), nameof(Patient.DateOfDeath));
        var conditionRows = new RowBuffer(TableOf(typeof(Condition)), nameof(Condition.Id), nameof(Condition.PatientId), nameof(Condition.Register), nameof(Condition.SnomedCode), nameof(Condition.OnsetDate));
        var activityRows = new RowBuffer(TableOf(typeof(Activity)), nameof(Activity.Id), nameof(Activity.PatientId), nameof(Activity.Kind), nameof(Activity.Date), nameof(Activity.LengthOfStayDays));
        var careFlagRows = new RowBuffer(TableOf(typeof(CareFlag)), nameof(CareFlag.Id), nameof(CareFlag.PatientId), nameof(CareFlag.Kind), nameof(CareFlag.RecordedOn));
        // Parents first, so every child row finds its patient even where foreign keys stay on during the load.
        RowBuffer[] buffers = [patientRows, conditionRows, activityRows, careFlagRows];

        var counts = new BulkWriteCounts();
        foreach (var patient in patients)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Values go in as the column types (enums as int, dates as day numbers), which binary COPY needs.
            patientRows.Add(patient.Id, patient.Pseudonym, patient.PracticeCode, patient.LsoaCode, patient.BirthYear, patient.BirthMonth, (int)patient.Sex, (int)patient.EthnicGroup, patient.DateOfDeath?.DayNumber);
            counts.Patients++;
            foreach (var condition in patient.Conditions)
                conditionRows.Add(++counts.Conditions, patient.Id, (int)condition.Register, condition.SnomedCode, condition.OnsetDate.DayNumber);
            foreach (var activity in patient.Activities)
                activityRows.Add(++counts.Activities, patient.Id, (int)activity.Kind, activity.Date.DayNumber, activity.LengthOfStayDays);
            foreach (var flag in patient.CareFlags)
                careFlagRows.Add(++counts.CareFlags, patient.Id, (int)flag.Kind, flag.RecordedOn.DayNumber);

            if (buffers.Sum(b => b.Rows.Count) >= bulkCopy.RowsPerCopy)
                await CopyAsync(bulkCopy, buffers, cancellationToken);
        }
        await CopyAsync(bulkCopy, buffers, cancellationToken);

        await ExecuteAsync([
            .. indexes.Select(CreateIndexOperation.CreateFrom),
            .. constraints.Select(AddForeignKeyOperation.CreateFrom),
        ], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(bulkCopy.RefreshStatisticsSql([.. tables.Select(t => t.Name)]), cancellationToken);
        return counts;
    }

    private ITable TableOf(Type entity) =>
        _model.FindEntityType(entity)?.GetTableMappings().Single().Table ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");

    private static async Task CopyAsync(IBulkCopy bulkCopy, RowBuffer[] buffers, CancellationToken cancellationToken)
    {
        foreach (var buffer in buffers.Where(b => b.Rows.Count > 0))
        {
            await bulkCopy.CopyAsync(buffer.Table.Name, buffer.Columns, buffer.Rows, cancellationToken);
            buffer.Rows.Clear();
        }
    }

    /// <summary>DDL in the provider's own dialect, generated by EF Core from the model, so no provider needs its own.</summary>
    private async Task ExecuteAsync(IReadOnlyList<MigrationOperation> operations, CancellationToken cancellationToken)
    {
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, _model);
        foreach (var command in commands)
            await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
    }

    private sealed class RowBuffer(ITable table, params string[] properties)
    {
        public ITable Table { get; } = table;

        public IReadOnlyList<string> Columns { get; } = properties
            .Select(p => table.EntityTypeMappings.Single().TypeBase.FindProperty(p)?.GetColumnName()
                ?? throw new InvalidOperationException($"{table.Name}.{p} is not mapped."))
            .ToList();

        public List<object?[]> Rows { get; } = [];

        public void Add(params object?[] values) => Rows.Add(values);
    }
}

public sealed class BulkWriteCounts
{
    public int Patients { get; set; }
    public long Conditions { get; set; }
    public long Activities { get; set; }
    public long CareFlags { get; set; }
}
