namespace SciTransfer.Plotting.Charts;

/// <summary>The data rectangle of a chart in pixels (y grows downwards, as in SVG).</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
internal readonly record struct PlotArea(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;
}
