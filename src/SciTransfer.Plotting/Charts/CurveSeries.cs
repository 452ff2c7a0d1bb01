using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Charts;

/// <summary>One point of a scarcity curve: the mean over repeats at n and its 95 % interval (NaN ends: no band there).</summary>
/// <param name="N">Target size (0 allowed).</param>
/// <param name="Mean">Mean metric value (NaN: point skipped, line broken).</param>
/// <param name="Low">Low end of the 95 % interval.</param>
/// <param name="High">High end of the 95 % interval.</param>
public sealed record CurvePoint(int N, double Mean, double Low, double High);

/// <summary>A line with markers and an optional band over the target-size axis.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Strategy">Strategy name (style key).</param>
/// <param name="Problem">Problem id when a chart mixes problems, else null.</param>
/// <param name="Style">Colour, dash and marker.</param>
/// <param name="Points">Points in any order.</param>
/// <param name="ShowBand">Draw this series' 95 % band (and whisker at n = 0).</param>
public sealed record CurveSeries(string Label, string Strategy, string? Problem, SeriesStyle Style, IReadOnlyList<CurvePoint> Points, bool ShowBand = true);

/// <summary>What a curve chart shows.</summary>
/// <param name="Title">Title line.</param>
/// <param name="Subtitle">Second line (notes); wrapped, never cut.</param>
/// <param name="XTitle">X axis title.</param>
/// <param name="YTitle">Y axis title with unit and direction (", log scale" is appended when the y axis is logarithmic).</param>
/// <param name="Series">Series in legend order.</param>
/// <param name="DrawBands">Draw the 95 % bands of series whose <see cref="CurveSeries.ShowBand"/> is set.</param>
/// <param name="AllowLogY">Use a log y axis when all values are positive and span at least a factor of 20.</param>
/// <param name="ReferenceY">A horizontal dashed reference line (e.g. retention = 1), or null.</param>
/// <param name="EmptyNote">Note shown in the middle when no series has a finite point.</param>
/// <param name="YMin">Lowest value the metric can take (bands are clipped to it; NaN: unbounded).</param>
/// <param name="YMax">Highest value the metric can take (NaN: unbounded).</param>
public sealed record CurveChartSpec(
    string Title,
    string Subtitle,
    string XTitle,
    string YTitle,
    IReadOnlyList<CurveSeries> Series,
    bool DrawBands = true,
    bool AllowLogY = true,
    double? ReferenceY = null,
    string EmptyNote = "no data yet: no finished cells",
    double YMin = double.NaN,
    double YMax = double.NaN);
