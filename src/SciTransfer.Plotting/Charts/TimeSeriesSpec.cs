namespace SciTransfer.Plotting.Charts;

/// <summary>One line (or set of markers) of a time-series chart.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values, same length as <paramref name="X"/> (NaN breaks the line).</param>
/// <param name="Markers">True to draw points only (observations), false for a line.</param>
/// <param name="Strategy">Style key in the strategy palette, or null for data/physics series (their own colours).</param>
public sealed record TimeSeriesLine(string Name, double[] X, double[] Y, bool Markers = false, string? Strategy = null);

/// <summary>What a time-series chart shows: lines over a shared x axis (time, position).</summary>
/// <param name="Id">Identifier named in error messages.</param>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">X axis title with unit, e.g. "time (h)".</param>
/// <param name="YLabel">Y axis title with unit.</param>
/// <param name="Series">Series in legend order.</param>
public sealed record TimeSeriesChartSpec(string Id, string Title, string XLabel, string YLabel, IReadOnlyList<TimeSeriesLine> Series);
