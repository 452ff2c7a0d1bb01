using SciTransfer.Plotting.Charts;
using SciTransfer.Transfer.Figures;

namespace SciTransfer.Transfer.Reporting;

/// <summary>Turns the figure data that problems store into Plotting's plain chart records.</summary>
public static class FigureCharts
{
    /// <summary>The chart record of a (merged, best-of-selected) time-series figure.</summary>
    public static TimeSeriesChartSpec ToChart(TimeSeriesFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new TimeSeriesChartSpec(figure.Id, figure.Title, figure.XLabel, figure.YLabel,
            [.. figure.Series.Select(s => new TimeSeriesLine(s.Name, s.X, s.Y, s.Markers, s.Strategy))]);
    }

    /// <summary>The chart record of a heat-map figure.</summary>
    public static HeatMapGrid ToChart(HeatMapFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new HeatMapGrid(figure.Id, figure.Title, figure.Nx, figure.Ny, figure.Values, figure.XMin, figure.XMax,
            figure.YMin, figure.YMax, figure.XLabel, figure.YLabel, figure.ColorLabel, figure.Diverging);
    }
}
