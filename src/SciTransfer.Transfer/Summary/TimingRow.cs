namespace SciTransfer.Transfer.Summary;

/// <summary>
/// One row of timings.csv: wall-clock seconds of one (problem, strategy, n_target, timing metric) over repeats.
/// Timings only: no retention, data efficiency or negative-transfer columns, which compare accuracies and mean
/// nothing for a duration that varies with machine load.
/// </summary>
/// <param name="Problem">Problem id as in results.csv.</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="NTarget">Amount of target data.</param>
/// <param name="Metric">Timing metric: a problem's timing metric (e.g. seconds_to_target) or fit_seconds (each cell's wall time).</param>
/// <param name="Unit">Unit of the metric (seconds: "s").</param>
/// <param name="Count">Number of finite values (repeats).</param>
/// <param name="Mean">Mean over repeats, in <paramref name="Unit"/>.</param>
/// <param name="Std">Sample standard deviation (NaN when Count &lt; 2).</param>
/// <param name="Min">Smallest value (NaN when Count = 0).</param>
/// <param name="Median">Median (NaN when Count = 0).</param>
/// <param name="Max">Largest value (NaN when Count = 0).</param>
public sealed record TimingRow(
    string Problem,
    string Strategy,
    int NTarget,
    string Metric,
    string Unit,
    int Count,
    double Mean,
    double Std,
    double Min,
    double Median,
    double Max);
