namespace SciTransfer.Plotting.Styling;

/// <summary>
/// Fixed styles per series name (usually a strategy). Names given as references keep one look whatever else
/// runs (by default <c>scratch</c> black solid circles, <c>source-only</c> grey dashed squares, <c>oracle</c>
/// reddish-purple dotted diamonds). Other names take colours in ordinal name order: first the Okabe-Ito
/// colours (colour-blind safe), then Paul Tol's muted set, so up to <see cref="DistinctColors"/> names get
/// distinct colours; each also gets its own dash and marker, so the plots read in greyscale.
/// </summary>
public sealed class StrategyPalette
{
    /// <summary>Okabe-Ito (yellow last: faint on white), then Paul Tol muted.</summary>
    private static readonly string[] Colors =
    [
        "#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9",
        "#332288", "#882255", "#117733", "#AA4499", "#44AA99", "#999933", "#CC6677", "#88CCEE", "#DDCC77", "#F0E442",
    ];

    private static readonly LineDash[] Dashes = [LineDash.Solid, LineDash.Dashed, LineDash.DenselyDashed, LineDash.Dotted];
    private static readonly MarkerShape[] Markers =
        [MarkerShape.TriangleUp, MarkerShape.Circle, MarkerShape.TriangleDown, MarkerShape.Square, MarkerShape.OpenCircle, MarkerShape.Diamond, MarkerShape.OpenSquare, MarkerShape.OpenDiamond];

    private static readonly Dictionary<string, SeriesStyle> DefaultReferences = new(StringComparer.Ordinal)
    {
        ["scratch"] = new SeriesStyle("#000000", LineDash.Solid, MarkerShape.Circle),
        ["source-only"] = new SeriesStyle("#7F7F7F", LineDash.Dashed, MarkerShape.Square),
        ["oracle"] = new SeriesStyle("#CC79A7", LineDash.Dotted, MarkerShape.Diamond),
    };

    private readonly Dictionary<string, SeriesStyle> _styles = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, SeriesStyle> _references;

    /// <summary>Builds the palette for every name that may appear (order does not matter).</summary>
    /// <param name="names">Every series name of the report.</param>
    /// <param name="references">Names with a fixed style; null for the defaults (scratch, source-only, oracle).</param>
    public StrategyPalette(IEnumerable<string> names, IReadOnlyDictionary<string, SeriesStyle>? references = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        _references = references ?? DefaultReferences;
        int next = 0;
        foreach (string name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            _styles[name] = _references.TryGetValue(name, out SeriesStyle? fixedStyle) ? fixedStyle : Cycle(next++);
        }
    }

    /// <summary>How many non-reference names get distinct colours.</summary>
    public static int DistinctColors => Colors.Length;

    /// <summary>The style of <paramref name="name"/> (a name not given at construction gets a neutral grey).</summary>
    public SeriesStyle this[string name] =>
        _styles.TryGetValue(name, out SeriesStyle? style) ? style
        : _references.TryGetValue(name, out SeriesStyle? r) ? r
        : new SeriesStyle("#666666", LineDash.DenselyDashed, MarkerShape.OpenCircle);

    /// <summary>Style number <paramref name="index"/> of the cycle used for non-reference series.</summary>
    public static SeriesStyle Cycle(int index)
    {
        int c = index % Colors.Length;
        int round = index / Colors.Length;
        return new SeriesStyle(Colors[c], Dashes[(c + round) % Dashes.Length], Markers[(c + round) % Markers.Length]);
    }
}
