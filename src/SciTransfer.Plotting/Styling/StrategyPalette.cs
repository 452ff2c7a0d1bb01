namespace SciTransfer.Plotting.Styling;

/// <summary>
/// Fixed, colour-blind-safe styles per strategy name (Okabe-Ito colours). The reference strategies
/// always look the same: <c>scratch</c> black solid circles, <c>source-only</c> grey dashed squares,
/// <c>oracle</c> reddish-purple dotted diamonds. Other strategies take the remaining colours in
/// ordinal name order of the whole study, so one strategy has one style across every plot of a report.
/// </summary>
public sealed class StrategyPalette
{
    /// <summary>Okabe-Ito colours left for non-reference strategies (yellow last: it is faint on white).</summary>
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#F0E442"];
    private static readonly string[] Dashes = ["", "8 3 2 3", "4 2"];
    private static readonly MarkerShape[] Markers = [MarkerShape.TriangleUp, MarkerShape.Circle, MarkerShape.TriangleDown, MarkerShape.Square, MarkerShape.OpenCircle, MarkerShape.Diamond];

    private readonly Dictionary<string, SeriesStyle> _styles = new(StringComparer.Ordinal);

    /// <summary>Builds the palette for every strategy name that may appear (order does not matter).</summary>
    public StrategyPalette(IEnumerable<string> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        int next = 0;
        foreach (string name in strategies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (Reference(name) is SeriesStyle fixedStyle)
            {
                _styles[name] = fixedStyle;
                continue;
            }

            _styles[name] = Cycle(next++);
        }
    }

    /// <summary>The style of <paramref name="strategy"/> (a name not given at construction gets a neutral grey).</summary>
    public SeriesStyle this[string strategy] =>
        _styles.TryGetValue(strategy, out SeriesStyle? style) ? style : Reference(strategy) ?? new SeriesStyle("#666666", "2 2", MarkerShape.OpenCircle);

    /// <summary>Style number <paramref name="index"/> of the cycle used for non-reference series.</summary>
    public static SeriesStyle Cycle(int index)
    {
        int c = index % Colors.Length;
        int d = index / Colors.Length % Dashes.Length;
        return new SeriesStyle(Colors[c], Dashes[d], Markers[(c + d) % Markers.Length]);
    }

    private static SeriesStyle? Reference(string name) => name switch
    {
        "scratch" => new SeriesStyle("#000000", "", MarkerShape.Circle),
        "source-only" => new SeriesStyle("#7F7F7F", "7 4", MarkerShape.Square),
        "oracle" => new SeriesStyle("#CC79A7", "2 3", MarkerShape.Diamond),
        _ => null,
    };
}
