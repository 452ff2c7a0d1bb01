namespace SciTransfer.Transfer.Results;

/// <summary>One row of results.csv: one metric of one finished cell.</summary>
/// <param name="Study">Study name.</param>
/// <param name="Problem">Problem id.</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="NTarget">Amount of target data.</param>
/// <param name="Repeat">Repeat index.</param>
/// <param name="Seed">The cell's derived seed (its SeedTree key).</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Value">Metric value (NaN allowed).</param>
/// <param name="FitSeconds">Wall time of the cell in seconds (a timing column: varies run to run).</param>
public sealed record ResultRow(
    string Study,
    string Problem,
    string Strategy,
    int NTarget,
    int Repeat,
    ulong Seed,
    string Metric,
    double Value,
    double FitSeconds)
{
    /// <summary>The cell this row belongs to.</summary>
    public CellKey Cell => new(Problem, Strategy, NTarget, Repeat);
}
