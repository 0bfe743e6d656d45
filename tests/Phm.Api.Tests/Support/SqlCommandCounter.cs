using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Phm.Api.Tests.Support;

/// <summary>Records the SQL of every query EF Core sends, so tests can see N+1 patterns.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands
    {
        get { lock (_commands) return [.. _commands]; }
    }

    /// <summary>
    /// <see cref="Commands"/> without the reads of the store's manifest stamp: the hub reads it again once its check interval has passed
    /// (<see cref="Phm.Data.Store.PhmOptions.StoreCheckInterval"/>), so whether a request reads it depends on the clock, not on the request.
    /// </summary>
    public IReadOnlyList<string> DataCommands => [.. Commands.Where(sql => !sql.Contains("\"GeneratorVersion\"", StringComparison.Ordinal))];

    public void Reset()
    {
        lock (_commands) _commands.Clear();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        lock (_commands) _commands.Add(command.CommandText);
    }
}
