using Parquet;
using Parquet.Schema;

namespace SciTransfer.Transfer.Tables;

/// <summary>
/// A Parquet file of one row group built column by column (Parquet.Net 6): each column typed (string, int32, int64,
/// uint64, double, boolean; none nullable: a missing number is NaN as in the CSV), so pandas, polars, R's arrow and
/// DuckDB read it without guessing types. Strings are stored as written, without the CSV's formula neutralising
/// (Parquet is not opened by spreadsheets as text). Snappy-compressed; the bytes depend only on the rows.
/// </summary>
public sealed class ParquetTable
{
    private readonly List<(DataField Field, Func<ParquetRowGroupWriter, Task> Write)> _columns = [];
    private readonly int _rows;

    /// <summary>A table of <paramref name="rows"/> rows; every column added must have that many values.</summary>
    public ParquetTable(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        _rows = rows;
    }

    /// <summary>Adds a UTF-8 string column.</summary>
    public ParquetTable Text(string name, string[] values)
    {
        var field = new DataField<string>(name, false);
        return Add(field, values.Length, w => w.WriteAsync(field, values));
    }

    /// <summary>Adds a typed column (int, long, ulong, double or bool).</summary>
    public ParquetTable Values<T>(string name, T[] values)
        where T : struct
    {
        var field = new DataField<T>(name, false);
        return Add(field, values.Length, w => w.WriteAsync<T>(field, values.AsMemory()));
    }

    /// <summary>Writes the table to <paramref name="path"/> atomically.</summary>
    public void Write(string path) => AtomicFile.Write(path, stream => WriteAsync(stream).GetAwaiter().GetResult());

    private ParquetTable Add(DataField field, int count, Func<ParquetRowGroupWriter, Task> write)
    {
        if (count != _rows)
        {
            throw new ArgumentException($"Parquet column '{field.Name}' has {count} values, the table has {_rows} rows", nameof(count));
        }

        _columns.Add((field, write));
        return this;
    }

    private async Task WriteAsync(Stream stream)
    {
        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field));
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        foreach (var (_, write) in _columns)
        {
            await write(group).ConfigureAwait(false);
        }
    }
}
