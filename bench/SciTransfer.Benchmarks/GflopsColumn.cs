using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SciTransfer.Benchmarks;

/// <summary>
/// Summary column "GFLOP/s" = 2 M N K / mean time for the <see cref="GemmBenchmarks"/> cases, read from
/// their "MxNxK[tA]" Shape parameter, so GEMM rates can be compared with the machine's peak directly.
/// </summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc />
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Floating-point rate, 2 M N K / Mean (1e9 per second)";

    /// <summary>2 M N K of a "MxNxK" shape, optionally suffixed "tA".</summary>
    public static double Flops(string shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string[] dims = shape.Replace("tA", "", StringComparison.Ordinal).Split('x');
        return 2.0 * dims.Select(d => double.Parse(d, CultureInfo.InvariantCulture)).Aggregate(1.0, (p, d) => p * d);
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not > 0 || benchmarkCase.Parameters["Shape"] is not string shape)
        {
            return "-";
        }

        return (Flops(shape) / meanNs.Value).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
