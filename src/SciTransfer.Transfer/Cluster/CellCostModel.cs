using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Summary;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Cluster;

/// <summary>
/// Estimated cost of a cell, in seconds when timings are known and in cost-class units otherwise. Order of use:
/// (1) the mean fit_seconds of the same (problem, strategy, n_target) in an earlier run's timings.csv;
/// (2) the mean over that (problem, strategy)'s sizes there; (3) the declared <see cref="ITransferProblem.CellCost"/>
/// weight times a scale (mean seconds per weight unit over the cells timings.csv covers, 1 without timings), so
/// known and declared costs are on one scale.
/// </summary>
public sealed class CellCostModel
{
    private readonly Dictionary<(string Problem, string Strategy, int N), double> _exact;
    private readonly Dictionary<(string Problem, string Strategy), double> _byStrategy;
    private readonly double _secondsPerUnit;

    private CellCostModel(Dictionary<(string, string, int), double> exact, double secondsPerUnit)
    {
        _exact = exact;
        _byStrategy = exact.GroupBy(kv => (kv.Key.Item1, kv.Key.Item2)).ToDictionary(g => g.Key, g => g.Average(kv => kv.Value));
        _secondsPerUnit = secondsPerUnit;
    }

    /// <summary>Declared cost classes only.</summary>
    public static CellCostModel Declared() => new([], 1);

    /// <summary>
    /// Declared classes refined by <paramref name="timingsCsv"/> (timings.csv of an earlier run: columns problem,
    /// strategy, n_target, metric, mean; rows of metric fit_seconds are read). <paramref name="cells"/> calibrates the
    /// scale of the declared classes against the timed cells.
    /// </summary>
    /// <exception cref="Errors.DataFormatException">The file is missing or a row is malformed (file, row and column named).</exception>
    public static CellCostModel FromTimings(string timingsCsv, IReadOnlyList<PlannedCell> cells)
    {
        var exact = new Dictionary<(string, string, int), double>();
        string[] required = ["problem", "strategy", "n_target", "metric", "mean"];
        // timings.csv's own columns, and the summary columns its earlier layout had, so an older run still calibrates.
        string[] optional = [.. TimingsCsv.Columns.Union(SummaryCsv.Columns).Except(required)];
        using (var reader = CsvTableReader.Open(timingsCsv, required, optional))
        {
            while (reader.Next())
            {
                if (reader.Text("metric") != TimingsBuilder.FitSeconds)
                {
                    continue;
                }

                exact[(SpreadsheetSafety.Restore(reader.Text("problem")), SpreadsheetSafety.Restore(reader.Text("strategy")), reader.Integer("n_target", 0, int.MaxValue))] = reader.Number("mean", 0, double.MaxValue, "seconds");
            }
        }

        var timed = cells.Where(c => exact.ContainsKey((c.Key.Problem, c.Key.Strategy, c.Key.NTarget))).ToList();
        double units = timed.Sum(c => Weight(c));
        double seconds = timed.Sum(c => exact[(c.Key.Problem, c.Key.Strategy, c.Key.NTarget)]);
        return new CellCostModel(exact, units > 0 && seconds > 0 ? seconds / units : 1);
    }

    /// <summary>The estimated cost of <paramref name="cell"/> (seconds when calibrated, else weight units).</summary>
    public double Estimate(PlannedCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var k = cell.Key;
        if (_exact.TryGetValue((k.Problem, k.Strategy, k.NTarget), out double s))
        {
            return s;
        }

        return _byStrategy.TryGetValue((k.Problem, k.Strategy), out double m) ? m : Weight(cell) * _secondsPerUnit;
    }

    /// <summary>The declared weight of a cell: its cost class.</summary>
    public static double Weight(PlannedCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return (double)cell.Entry.Problem.CellCost(cell.Key.Strategy);
    }
}
