using BenchmarkDotNet.Attributes;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Benchmarks;

/// <summary>
/// Reading a user's case table with <see cref="CsvTableReader"/>: 1,000,000 rows of a six-column county time series
/// (date, county, state, fips, cases, deaths; ~45 MB), every field read and the numbers parsed and range-checked, as
/// the epidemiology module's loader does. The claim "a million-row table reads in a few seconds" is held here, not
/// in a timed unit test (<c>CsvTableReaderTests</c> checks what is read, not how fast).
/// Run: <c>dotnet run -c Release --project bench/SciTransfer.Benchmarks -- --filter '*CsvTableReader*'</c>.
/// </summary>
[MemoryDiagnoser]
public class CsvTableReaderBenchmarks
{
    private static readonly string[] Columns = ["date", "county", "state", "fips", "cases", "deaths"];
    private string _dir = null!;
    private string _file = null!;

    /// <summary>Rows in the table.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; } = 1_000_000;

    /// <summary>Writes the table to a temporary folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "scitransfer-csv-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "cases.csv");
        using var w = new StreamWriter(_file);
        w.Write("date,county,state,fips,cases,deaths\n");
        for (int i = 0; i < Rows; i++)
        {
            w.Write($"2020-03-{1 + (i % 28):00},County {i % 3000},State {i % 50},{10000 + (i % 3000)},{i},{i / 100}\n");
        }
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Reads every row; returns the sum of the numeric fields (so nothing is optimised away).</summary>
    [Benchmark]
    public double ReadAll()
    {
        double sum = 0;
        using var r = CsvTableReader.Open(_file, Columns);
        while (r.Next())
        {
            _ = r.Text("date");
            _ = r.Text("county");
            _ = r.Text("state");
            sum += r.Integer("fips", 0, 99999) + r.Number("cases", 0, 1e9) + r.Number("deaths", 0, 1e9);
        }

        return sum;
    }
}
