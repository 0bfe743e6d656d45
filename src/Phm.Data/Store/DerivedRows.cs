using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Patients;
using Phm.Data.Segmentation;

namespace Phm.Data.Store;

/// <summary>
/// Rows the store derives from its own rows by a rule (the activity histories, the registers held, the segments, the kept cells), written in the database and never
/// through memory: the patients' old rows deleted, then one INSERT … SELECT whose SELECT is EF Core's translation of the rule,
/// so the rows are exactly what the rule says on every provider. Inside the caller's transaction.
/// </summary>
internal static class DerivedRows
{
    /// <summary>The derived tables, in the order they are written (segments read the registers held; cells last): for the planner's statistics.</summary>
    private static readonly Type[] DerivedTypes = [typeof(ActivityHistory), typeof(RegisterHeld), typeof(PatientSegment), .. Aggregates.KeptCells.Rows];

    public static string[] TableNames(PhmDbContext db) =>
        [.. DerivedTypes.Select(type => db.Model.FindEntityType(type)!.GetTableName()!)];

    /// <summary>The derived tables in a design-time model (whose tables carry their constraints and indexes).</summary>
    public static IEnumerable<ITable> Tables(IModel model) =>
        DerivedTypes.Select(type => model.FindEntityType(type)!).Select(entity => model.GetRelationalModel().FindTable(entity.GetTableName()!, entity.GetSchema())!);

    /// <summary>
    /// Replaces the rows of <paramref name="patientIds"/> (of everyone when null) in <typeparamref name="TRow"/>'s table, whose
    /// rows name their patient by a <c>PatientId</c>, by those of <paramref name="byRule"/>, given the patients to derive them for
    /// and their ids (null for everyone); <paramref name="columns"/> are the properties the rule's rows initialise, in that order.
    /// Returns the rows written.
    /// </summary>
    public static async Task<int> ReplaceAsync<TRow>(
        PhmDbContext db, IReadOnlyCollection<int>? patientIds, Func<IQueryable<Patient>, IReadOnlyCollection<int>?, IQueryable<TRow>> byRule,
        string[] columns, CancellationToken cancellationToken) where TRow : class
    {
        var patients = db.Patients.AsQueryable();
        List<int>? ids = null;
        if (patientIds is null)
            await db.Set<TRow>().ExecuteDeleteAsync(cancellationToken);
        else
        {
            ids = patientIds.Distinct().ToList();
            if (ids.Count == 0)
                return 0;
            // One array-like parameter (EF.Parameter), not one per id (EF Core's default): an ingest's batch names tens of thousands
            // of patients, past SQLite's 32,766 parameters a statement (and SQL Server's 2,100).
            await db.Set<TRow>().Where(r => EF.Parameter(ids).Contains(EF.Property<int>(r, "PatientId"))).ExecuteDeleteAsync(cancellationToken);
            patients = patients.Where(p => EF.Parameter(ids).Contains(p.Id));
        }

        return await InsertAsync(db, byRule(patients, ids), columns, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="rows"/> into <typeparamref name="TRow"/>'s table by one INSERT … SELECT of their query;
    /// <paramref name="columns"/> are the properties the query's rows initialise, in that order. Returns the rows written.
    /// </summary>
    public static async Task<int> InsertAsync<TRow>(PhmDbContext db, IQueryable<TRow> rows, string[] columns, CancellationToken cancellationToken) where TRow : class
    {
        var table = db.Model.FindEntityType(typeof(TRow))!;
        var store = StoreObjectIdentifier.Table(table.GetTableName()!, table.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(table.FindProperty(c)!.GetColumnName(store)!)));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = rows.CreateDbCommand();
            command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({columnList})\n" + command.CommandText;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
