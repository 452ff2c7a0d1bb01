namespace SciTransfer.Transfer.Summary;

/// <summary>
/// One row of summary.csv: statistics of one (problem, strategy, n_target, metric) over repeats.
/// Holds no timings, so the file is byte-identical for any thread count.
/// </summary>
/// <param name="Problem">Problem id as in results.csv.</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="NTarget">Amount of target data.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Count">Number of finite values (repeats).</param>
/// <param name="Mean">Mean over repeats.</param>
/// <param name="Std">Sample standard deviation (NaN when Count &lt; 2).</param>
/// <param name="Ci95Low">Student-t 95 % interval, low end.</param>
/// <param name="Ci95High">Student-t 95 % interval, high end.</param>
/// <param name="Rpr">Relative performance retention vs this strategy's largest n (1 = as good as with the most data).</param>
/// <param name="Degradation">metric(n_max) - metric(n), signed so that positive means worse with less data.</param>
/// <param name="DataEfficiency">n_scratch / n: how many target samples scratch needs to match this mean (NaN when undefined).</param>
/// <param name="DataEfficiencyBound">"exact", "lower" (scratch never matched it: the value is a lower bound), "upper" (scratch already matched it at its smallest n: the value is an upper bound), or "" when undefined.</param>
/// <param name="NegativeTransfer">True when the mean is worse than scratch's at the same n beyond scratch's 95 % band.</param>
public sealed record SummaryRow(
    string Problem,
    string Strategy,
    int NTarget,
    string Metric,
    int Count,
    double Mean,
    double Std,
    double Ci95Low,
    double Ci95High,
    double Rpr,
    double Degradation,
    double DataEfficiency,
    string DataEfficiencyBound,
    bool NegativeTransfer);
