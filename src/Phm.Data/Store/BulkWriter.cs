using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Patients;

namespace Phm.Data.Store;

/// <summary>
/// Writes a population through the context's own connection with prepared single-row INSERTs inside the caller's
/// transaction: EF Core's SaveChanges costs about 20 µs a row, which would make a city's first start take minutes.
/// Secondary indexes are dropped for the load and rebuilt once at the end, then the planner's statistics are refreshed.
/// </summary>
public sealed class BulkWriter(PhmDbContext db)
{
    private static readonly Type[] BulkEntities = [typeof(Patient), typeof(Condition), typeof(Activity), typeof(CareFlag)];

    public async Task<BulkWriteCounts> WriteAsync(IEnumerable<Patient> patients, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes must run inside a transaction, so a failure leaves nothing half-written."));

        var indexes = await DropSecondaryIndexesAsync(connection, transaction, cancellationToken);
        using var patientRows = Insert<Patient>(connection, transaction, nameof(Patient.Id), nameof(Patient.Pseudonym), nameof(Patient.PracticeCode), nameof(Patient.LsoaCode), nameof(Patient.BirthYear), nameof(Patient.BirthMonth), nameof(Patient.Sex), nameof(Patient.EthnicGroup), nameof(Patient.DateOfDeath));
        using var conditionRows = Insert<Condition>(connection, transaction, nameof(Condition.Id), nameof(Condition.PatientId), nameof(Condition.Register), nameof(Condition.SnomedCode), nameof(Condition.OnsetDate));
        using var activityRows = Insert<Activity>(connection, transaction, nameof(Activity.Id), nameof(Activity.PatientId), nameof(Activity.Kind), nameof(Activity.Date), nameof(Activity.LengthOfStayDays));
        using var careFlagRows = Insert<CareFlag>(connection, transaction, nameof(CareFlag.Id), nameof(CareFlag.PatientId), nameof(CareFlag.Kind), nameof(CareFlag.RecordedOn));

        var counts = new BulkWriteCounts();
        foreach (var patient in patients)
        {
            cancellationToken.ThrowIfCancellationRequested();
            patientRows.Write(patient.Id, patient.Pseudonym, patient.PracticeCode, patient.LsoaCode, patient.BirthYear, patient.BirthMonth, (int)patient.Sex, (int)patient.EthnicGroup, patient.DateOfDeath?.DayNumber);
            counts.Patients++;
            foreach (var condition in patient.Conditions)
                conditionRows.Write(++counts.Conditions, patient.Id, (int)condition.Register, condition.SnomedCode, condition.OnsetDate.DayNumber);
            foreach (var activity in patient.Activities)
                activityRows.Write(++counts.Activities, patient.Id, (int)activity.Kind, activity.Date.DayNumber, activity.LengthOfStayDays);
            foreach (var flag in patient.CareFlags)
                careFlagRows.Write(++counts.CareFlags, patient.Id, (int)flag.Kind, flag.RecordedOn.DayNumber);
        }

        foreach (var createIndex in indexes)
            await ExecuteAsync(connection, transaction, createIndex, cancellationToken);
        await ExecuteAsync(connection, transaction, "ANALYZE", cancellationToken);
        return counts;
    }

    private RowInserter Insert<T>(SqliteConnection connection, SqliteTransaction transaction, params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = properties.Select(p => entity.FindProperty(p)?.GetColumnName() ?? throw new InvalidOperationException($"{typeof(T).Name}.{p} is not mapped."));
        return new RowInserter(connection, transaction, entity.GetTableName()!, [.. columns]);
    }

    private async Task<List<string>> DropSecondaryIndexesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var tables = BulkEntities.Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToList();
        var indexes = new List<(string Name, string Sql)>();
        await using (var query = connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select((_, i) => "$t" + i))})";
            for (var i = 0; i < tables.Count; i++)
                query.Parameters.AddWithValue("$t" + i, tables[i]);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, transaction, $"DROP INDEX \"{name}\"", cancellationToken);
        return indexes.Select(i => i.Sql).ToList();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One prepared INSERT, reused for every row; values are bound by position.</summary>
    private sealed class RowInserter : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly DbParameter[] _parameters;

        public RowInserter(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + i))})";
            _parameters = columns.Select((_, i) => (DbParameter)_command.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
            _command.Prepare();
        }

        public void Write(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
                _parameters[i].Value = values[i] ?? DBNull.Value;
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}

public sealed class BulkWriteCounts
{
    public int Patients { get; set; }
    public long Conditions { get; set; }
    public long Activities { get; set; }
    public long CareFlags { get; set; }
}
