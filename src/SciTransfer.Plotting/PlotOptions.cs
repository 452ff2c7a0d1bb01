namespace SciTransfer.Plotting;

/// <summary>
/// What a study's plots show, as a study config may choose it (<c>"plot": {"strategies": [...], "bands": true}</c>).
/// </summary>
/// <param name="Strategies">Series to draw, in this order; null draws every one.</param>
/// <param name="Bands">Draw 95 % bands at all.</param>
/// <param name="BandsFor">Bands for at most this many series besides the reference (scratch): the best at the
/// largest n. Null draws a band for every series (readable only with few of them).</param>
public sealed record PlotOptions(IReadOnlyList<string>? Strategies = null, bool Bands = true, int? BandsFor = 3)
{
    /// <summary>The defaults: every series, bands for scratch and the best three.</summary>
    public static PlotOptions Default { get; } = new();
}
