using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Phm.Data.Postgres;

/// <summary>
/// Writes rows to <c>COPY … FROM STDIN (FORMAT BINARY)</c> in PostgreSQL's binary copy format, made here in one buffer that is
/// sent as it fills. Npgsql's binary importer writes each value through a parameter of its own (its type looked up, an
/// asynchronous write a value), which at 2,000,000 patients was half the hub's CPU in copying a model's scores: written here the
/// hub spent 4.5-8.2 s less CPU on a scoring in five pairs of six, and the scores' copies took 5.6-7.5 s instead of 8.0-9.1
/// (README "Scaling"). The values
/// are those the bulk rows hold, each in the binary form of the column type it stands for, as Npgsql writes them: <c>int</c> as
/// <c>integer</c>, <c>long</c> as <c>bigint</c>, <c>double</c> as <c>double precision</c>, <c>bool</c> as <c>boolean</c>,
/// <c>string</c> as text (UTF-8; <c>text</c> or <c>character varying</c>), and null.
/// </summary>
internal static class PostgresBinaryCopy
{
    private const int BufferBytes = 1 << 16;

    /// <summary>The format's signature, then its flags and the length of its header extension, both 0.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Strict, as Npgsql's: a string that is not valid UTF-16 (a lone surrogate) is refused, not written with a replacement character.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Copies <paramref name="rows"/>, each of <paramref name="columns"/>' values in their order, with <paramref name="copy"/> (a
    /// <c>COPY … FROM STDIN (FORMAT BINARY)</c>) in one COPY on <paramref name="connection"/>. A row refused here cancels the COPY,
    /// so none of the rows is written.
    /// </summary>
    /// <exception cref="ArgumentException">A row without a value for each column, or a value of another type or not valid text, naming the row and column.</exception>
    public static async Task CopyAsync(NpgsqlConnection connection, string copy, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copy, cancellationToken);
        try
        {
            var buffer = new byte[BufferBytes];
            Header.CopyTo(buffer);
            var used = Header.Length;
            long row = 0;
            foreach (var values in rows)
            {
                row++;
                if (values.Length != columns.Count)
                    throw new ArgumentException($"Row {row} has {values.Length} values for the {columns.Count} columns ({string.Join(", ", columns)}).", nameof(rows));
                var most = MostBytes(values);
                if (used + most > buffer.Length)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
                    used = 0;
                    if (most > buffer.Length)
                        buffer = new byte[most];
                }
                used = Write(values, buffer, used, row, columns);
            }
            if (used + sizeof(short) > buffer.Length)
            {
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
                used = 0;
            }
            // The trailer: a field count of -1.
            BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), -1);
            await stream.WriteAsync(buffer.AsMemory(0, used + sizeof(short)), cancellationToken);
        }
        catch
        {
            // Disposed without this, the stream would end the COPY as complete, and the rows sent so far would stand.
            try
            {
                await stream.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The COPY has already ended: a write cancelled by the token breaks the connection (Npgsql does not cancel a COPY
                // on the server), so no row of it can stand, and the cancellation, not this, is what the caller must see.
            }
            finally
            {
                await stream.DisposeAsync();
            }
            throw;
        }
        await stream.DisposeAsync();
    }

    /// <summary>The most bytes a row can take: its field count, and each value's length and at most the bytes of its type.</summary>
    private static int MostBytes(object?[] values)
    {
        var most = sizeof(short);
        foreach (var value in values)
            most += sizeof(int) + (value is string text ? Utf8.GetMaxByteCount(text.Length) : sizeof(long));
        return most;
    }

    /// <summary>Writes a row at <paramref name="at"/> in <paramref name="buffer"/>, which has room for its <see cref="MostBytes"/>; returns where it ends.</summary>
    private static int Write(object?[] values, byte[] buffer, int at, long row, IReadOnlyList<string> columns)
    {
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(at), (short)values.Length);
        at += sizeof(short);
        for (var column = 0; column < values.Length; column++)
        {
            var field = buffer.AsSpan(at + sizeof(int));
            int length;
            switch (values[column])
            {
                case null:
                    length = -1;
                    break;
                case int number:
                    BinaryPrimitives.WriteInt32BigEndian(field, number);
                    length = sizeof(int);
                    break;
                case long number:
                    BinaryPrimitives.WriteInt64BigEndian(field, number);
                    length = sizeof(long);
                    break;
                case double number:
                    BinaryPrimitives.WriteDoubleBigEndian(field, number);
                    length = sizeof(double);
                    break;
                case bool flag:
                    field[0] = flag ? (byte)1 : (byte)0;
                    length = sizeof(byte);
                    break;
                case string text:
                    length = Encoded(text, field, row, columns[column]);
                    break;
                case var other:
                    throw new ArgumentException(
                        $"Row {row}'s {columns[column]} is a {other.GetType().Name}, which is not a type the binary copy writes (int, long, double, bool, string).", nameof(values));
            }
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), length);
            at += sizeof(int) + Math.Max(length, 0);
        }
        return at;
    }

    private static int Encoded(string text, Span<byte> field, long row, string column)
    {
        try
        {
            return Utf8.GetBytes(text, field);
        }
        catch (EncoderFallbackException invalid)
        {
            throw new ArgumentException($"Row {row}'s {column} is not valid text (an unpaired surrogate at character {invalid.Index}).", invalid);
        }
    }
}
