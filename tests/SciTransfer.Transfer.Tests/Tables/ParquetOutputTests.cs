using System.Globalization;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Tables;

/// <summary>
/// results.parquet and summary.parquet, read back twice: with Parquet.Net (the writer's own library) and with DuckDB
/// (an independent C++ Parquet reader), checking column types and every value against the rows written.
/// </summary>
public sealed class ParquetOutputTests : IDisposable
{
    private static readonly ProblemManifest Manifest = new(
        "b/second", "reference/linear-shift", "", "n", [new MetricInfo("rmse", "K", true), new MetricInfo("r2", "", false)], ["scratch", "fine-tune"], [0, 4], null);

    private static readonly ProblemManifest First = Manifest with { Id = "a,\"first\"" };

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Rows in a scrambled completion order, with NaN, a seed above 2^63 and an id needing CSV quotes.</summary>
    private static List<ResultRow> Rows()
    {
        var rows = new List<ResultRow>();
        foreach (var p in new[] { Manifest, First })
        {
            for (int r = 2; r >= 0; r--)
            {
                foreach (string s in new[] { "fine-tune", "scratch" })
                {
                    foreach (int n in new[] { 4, 0 })
                    {
                        double rmse = s == "scratch" && n == 0 ? double.NaN : 1.0 / (n + 1) + (0.01 * r) + (s == "scratch" ? 0.2 : 0);
                        ulong seed = ulong.MaxValue - (ulong)(r * 10 + n);
                        rows.Add(new ResultRow("study", p.Id, s, n, r, seed, "rmse", rmse, 0.5 + r));
                        rows.Add(new ResultRow("study", p.Id, s, n, r, seed, "r2", 1 - rmse, 0.5 + r));
                    }
                }
            }
        }

        return rows;
    }

    private (List<ResultRow> Rows, List<SummaryRow> Summary) WriteTables()
    {
        var rows = Rows();
        ProblemManifest[] manifests = [First, Manifest];
        var summary = SummaryBuilder.Build(manifests, rows);
        StudyTables.Write(_dir.Path, manifests, rows, summary);
        return (rows, summary);
    }

    private static async Task<(ParquetSchema Schema, Dictionary<string, Array> Columns)> ReadWithParquetNet(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        int n = checked((int)group.RowCount);
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.GetDataFields())
        {
            columns[field.Name] = field.ClrType switch
            {
                var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => await Read<string?>(group, field, n, (g, f, m) => g.ReadAsync(f, m)),
                var t when t == typeof(int) => await Read<int>(group, field, n, (g, f, m) => g.ReadAsync(f, m)),
                var t when t == typeof(ulong) => await Read<ulong>(group, field, n, (g, f, m) => g.ReadAsync(f, m)),
                var t when t == typeof(double) => await Read<double>(group, field, n, (g, f, m) => g.ReadAsync(f, m)),
                var t when t == typeof(bool) => await Read<bool>(group, field, n, (g, f, m) => g.ReadAsync(f, m)),
                var t => throw new InvalidOperationException($"unexpected column type {t} of {field.Name}"),
            };
        }

        return (reader.Schema, columns);
    }

    private static async Task<T[]> Read<T>(ParquetRowGroupReader group, DataField field, int n, Func<ParquetRowGroupReader, DataField, Memory<T>, ValueTask> read)
    {
        var buffer = new T[n];
        await read(group, field, buffer);
        return buffer;
    }

    private static List<object[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    [Fact]
    public async Task Results_parquet_reads_back_typed_and_equal_to_the_rows_in_problem_then_repeat_order_with_parquet_net()
    {
        var (rows, _) = WriteTables();
        var (schema, c) = await ReadWithParquetNet(Path.Combine(_dir.Path, ResultsParquet.FileName));
        Assert.Equal(ResultsFile.Columns, schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(
            [typeof(string), typeof(string), typeof(string), typeof(int), typeof(int), typeof(ulong), typeof(string), typeof(double), typeof(double)],
            schema.GetDataFields().Select(f => f.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : f.ClrType)); // Parquet.Net 6 types UTF-8 text as ReadOnlyMemory<char>
        var back = Enumerable.Range(0, rows.Count).Select(i => new ResultRow(
            ((string[])c["study"])[i], ((string[])c["problem"])[i], ((string[])c["strategy"])[i], ((int[])c["n_target"])[i], ((int[])c["repeat"])[i],
            ((ulong[])c["seed"])[i], ((string[])c["metric"])[i], ((double[])c["value"])[i], ((double[])c["fit_seconds"])[i])).ToList();

        // Same rows, and in the documented order: manifest order of problems, then repeat, strategy, n, metric.
        Assert.Equal(rows.Count, back.Count);
        Assert.Equal(rows.OrderBy(r => r.ToString(), StringComparer.Ordinal), back.OrderBy(r => r.ToString(), StringComparer.Ordinal));
        Assert.Equal(First.Id, back[0].Problem);
        Assert.Equal(Manifest.Id, back[^1].Problem);
        for (int i = 1; i < back.Count; i++)
        {
            var (a, b) = (back[i - 1], back[i]);
            if (a.Problem == b.Problem)
            {
                var ka = (a.Repeat, a.Strategy, a.NTarget, a.Metric);
                var kb = (b.Repeat, b.Strategy, b.NTarget, b.Metric);
                Assert.True(Compare(ka, kb) < 0, $"row {i} out of order: {a} then {b}");
            }
        }
    }

    private static int Compare((int R, string S, int N, string M) a, (int R, string S, int N, string M) b)
    {
        int c = a.R.CompareTo(b.R);
        c = c != 0 ? c : string.CompareOrdinal(a.S, b.S);
        c = c != 0 ? c : a.N.CompareTo(b.N);
        return c != 0 ? c : string.CompareOrdinal(a.M, b.M);
    }

    [Fact]
    public async Task Summary_parquet_equals_summary_csv_row_for_row_with_parquet_net()
    {
        var (_, summary) = WriteTables();
        var fromCsv = SummaryCsv.Read(Path.Combine(_dir.Path, "summary.csv"));
        Assert.Equal(summary, fromCsv);
        var (schema, c) = await ReadWithParquetNet(Path.Combine(_dir.Path, SummaryParquet.FileName));
        Assert.Equal(SummaryCsv.Columns, schema.GetDataFields().Select(f => f.Name));
        var back = Enumerable.Range(0, summary.Count).Select(i =>
        {
            double D(string k) => ((double[])c[k])[i];
            return new SummaryRow(
                ((string[])c["problem"])[i], ((string[])c["strategy"])[i], ((int[])c["n_target"])[i], ((string[])c["metric"])[i], ((int[])c["count"])[i],
                D("mean"), D("std"), D("ci95_low"), D("ci95_high"), D("rpr"), D("degradation"), D("data_efficiency"),
                ((string[])c["data_efficiency_bound"])[i], ((bool[])c["negative_transfer"])[i]);
        }).ToList();
        Assert.Equal(summary, back);
        Assert.Contains(back, r => double.IsNaN(r.Mean)); // scratch at n = 0 has no finite value
    }

    [Fact]
    public void Duckdb_reads_results_parquet_with_typed_columns_and_the_same_values()
    {
        var (rows, _) = WriteTables();
        string path = Sql(Path.Combine(_dir.Path, ResultsParquet.FileName));
        var types = Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))")
            .ToDictionary(r => (string)r[0], r => (string)r[1], StringComparer.Ordinal);
        Assert.Equal("VARCHAR", types["problem"]);
        Assert.Equal("INTEGER", types["n_target"]);
        Assert.Equal("UBIGINT", types["seed"]);
        Assert.Equal("DOUBLE", types["value"]);

        // Aggregates computed by DuckDB against the same aggregates computed here from the rows.
        var agg = Query($"SELECT count(*), count(DISTINCT problem), max(seed), sum(value) FILTER (WHERE NOT isnan(value)), CAST(sum(n_target) AS BIGINT), count(*) FILTER (WHERE isnan(value)) FROM read_parquet('{path}')").Single();
        Assert.Equal((long)rows.Count, Convert.ToInt64(agg[0], CultureInfo.InvariantCulture));
        Assert.Equal(2L, Convert.ToInt64(agg[1], CultureInfo.InvariantCulture));
        Assert.Equal(rows.Max(r => r.Seed), Convert.ToUInt64(agg[2], CultureInfo.InvariantCulture));
        Assert.Equal(rows.Where(r => !double.IsNaN(r.Value)).Sum(r => r.Value), (double)agg[3], 9);
        Assert.Equal((long)rows.Sum(r => r.NTarget), Convert.ToInt64(agg[4], CultureInfo.InvariantCulture));
        Assert.Equal((long)rows.Count(r => double.IsNaN(r.Value)), Convert.ToInt64(agg[5], CultureInfo.InvariantCulture));
        Assert.Equal(First.Id, (string)Query($"SELECT problem FROM read_parquet('{path}') LIMIT 1").Single()[0]);
    }

    [Fact]
    public void Duckdb_reads_summary_parquet_with_booleans_and_the_summary_means()
    {
        var (_, summary) = WriteTables();
        string path = Sql(Path.Combine(_dir.Path, SummaryParquet.FileName));
        var types = Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))")
            .ToDictionary(r => (string)r[0], r => (string)r[1], StringComparer.Ordinal);
        Assert.Equal("BOOLEAN", types["negative_transfer"]);
        Assert.Equal("INTEGER", types["count"]);
        Assert.Equal("DOUBLE", types["ci95_high"]);
        var back = Query($"SELECT problem, strategy, n_target, metric, mean, negative_transfer FROM read_parquet('{path}')");
        Assert.Equal(summary.Count, back.Count);
        for (int i = 0; i < summary.Count; i++)
        {
            var s = summary[i];
            Assert.Equal((s.Problem, s.Strategy, s.NTarget, s.Metric, s.NegativeTransfer), ((string)back[i][0], (string)back[i][1], (int)back[i][2], (string)back[i][3], (bool)back[i][5]));
            Assert.Equal(s.Mean, (double)back[i][4]);
        }
    }
}
