using System.Text.Json.Serialization;

namespace SciTransfer.Transfer.Figures;

/// <summary>
/// Data for a figure that a problem wants in the report (beyond the scarcity curves). The runner
/// stores it as JSON under figures/ in the output folder; the report renders it as SVG. Figures with
/// the same <see cref="Id"/> from several cells are merged (their series overlaid).
/// </summary>
/// <param name="Id">File-safe identifier, e.g. "fuel-moisture_10h-to-1h_timeseries".</param>
/// <param name="Title">Figure title.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TimeSeriesFigure), "timeseries")]
[JsonDerivedType(typeof(HeatMapFigure), "heatmap")]
public abstract record FigureData(string Id, string Title);

/// <summary>Lines over a shared x axis (time, position).</summary>
/// <param name="Id">Identifier; parts with the same id are overlaid.</param>
/// <param name="Title">Figure title.</param>
/// <param name="XLabel">X axis title with unit, e.g. "time (h)".</param>
/// <param name="YLabel">Y axis title with unit, e.g. "fuel moisture (%)".</param>
/// <param name="Series">The lines (or markers) of this part.</param>
/// <param name="BestOfMetric">When set, among series with a <see cref="FigureSeries.Strategy"/> marked
/// <see cref="FigureSeries.Candidate"/>, the report keeps only the strategy whose summary mean of this
/// metric is best at n = <paramref name="AtN"/>.</param>
/// <param name="AtN">The n_target the candidates are compared at.</param>
public sealed record TimeSeriesFigure(
    string Id,
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<FigureSeries> Series,
    string? BestOfMetric = null,
    int? AtN = null) : FigureData(Id, Title);

/// <summary>One line of a <see cref="TimeSeriesFigure"/>.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values (NaN breaks the line).</param>
/// <param name="Markers">True to draw points only (observations), false for a line.</param>
/// <param name="Strategy">The strategy that produced it, or null for data/physics series.</param>
/// <param name="Candidate">True when the report may drop it in favour of a better strategy.</param>
public sealed record FigureSeries(string Name, double[] X, double[] Y, bool Markers = false, string? Strategy = null, bool Candidate = false);

/// <summary>A scalar field on a regular grid.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Title">Figure title.</param>
/// <param name="Nx">Grid columns.</param>
/// <param name="Ny">Grid rows.</param>
/// <param name="Values">Row-major values, length Nx*Ny, row 0 at YMin; NaN cells are left blank (outside the domain).</param>
/// <param name="XMin">Left edge.</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMin">Bottom edge.</param>
/// <param name="YMax">Top edge.</param>
/// <param name="XLabel">X axis title with unit.</param>
/// <param name="YLabel">Y axis title with unit.</param>
/// <param name="ColorLabel">Colour-bar title with unit.</param>
/// <param name="Diverging">True for signed data (a difference): a diverging palette centred at 0.</param>
public sealed record HeatMapFigure(
    string Id,
    string Title,
    int Nx,
    int Ny,
    double[] Values,
    double XMin,
    double XMax,
    double YMin,
    double YMax,
    string XLabel,
    string YLabel,
    string ColorLabel,
    bool Diverging = false) : FigureData(Id, Title);
