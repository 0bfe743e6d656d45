using System.Runtime.InteropServices;
using SQLitePCL;

namespace Phm.Data.Sqlite;

/// <summary>
/// Binds a bulk copy's integers, reals and nulls (nearly all of its values: a city's build binds some 85 million) straight into
/// the bundled SQLite library with the statement's pointer. Through SQLitePCLRaw each call also takes and releases a reference
/// on the statement's SafeHandle and switches the thread's GC mode, which cost more CPU than the binds themselves (perf, a
/// first start: 2 s of the copy thread). Text goes through SQLitePCLRaw, which encodes it. Only where SQLitePCLRaw uses the
/// same library (<see cref="IsAvailable"/>), so both calls reach one SQLite.
/// </summary>
internal static class SqliteValueBinds
{
    private const string Library = "e_sqlite3";

    public static bool IsAvailable { get; } = raw.GetNativeLibraryName() == Library;

    /// <summary>Binds a value of a type SQLite stores without conversion; false for one it does not take here (text).</summary>
    public static bool TryBind(IntPtr statement, int position, object? value, out int result)
    {
        result = value switch
        {
            null => NativeMethods.sqlite3_bind_null(statement, position),
            int i => NativeMethods.sqlite3_bind_int64(statement, position, i),
            long l => NativeMethods.sqlite3_bind_int64(statement, position, l),
            bool b => NativeMethods.sqlite3_bind_int64(statement, position, b ? 1 : 0),
            double d => NativeMethods.sqlite3_bind_double(statement, position, d),
            _ => -1,
        };
        return result != -1;
    }

    /// <summary>Each returns at once (no I/O, no callback, no lock another thread holds: a copy's connection is its own), so none needs the GC transition.</summary>
    private static class NativeMethods
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_int64(IntPtr statement, int position, long value);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_double(IntPtr statement, int position, double value);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_null(IntPtr statement, int position);
    }
}
