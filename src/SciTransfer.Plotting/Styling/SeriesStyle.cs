namespace SciTransfer.Plotting.Styling;

/// <summary>Marker shapes; with colour and dash they keep series apart for colour-blind readers and in greyscale.</summary>
public enum MarkerShape
{
    /// <summary>Filled circle.</summary>
    Circle,

    /// <summary>Filled square.</summary>
    Square,

    /// <summary>Filled diamond.</summary>
    Diamond,

    /// <summary>Filled triangle, apex up.</summary>
    TriangleUp,

    /// <summary>Filled triangle, apex down.</summary>
    TriangleDown,

    /// <summary>Open circle.</summary>
    OpenCircle,

    /// <summary>Open square.</summary>
    OpenSquare,

    /// <summary>Open diamond.</summary>
    OpenDiamond,
}

/// <summary>Line patterns.</summary>
public enum LineDash
{
    /// <summary>Solid line.</summary>
    Solid,

    /// <summary>Long dashes.</summary>
    Dashed,

    /// <summary>Short dashes.</summary>
    DenselyDashed,

    /// <summary>Dots.</summary>
    Dotted,
}

/// <summary>How one series is drawn.</summary>
/// <param name="Color">Stroke/fill colour, "#rrggbb".</param>
/// <param name="Dash">Line pattern.</param>
/// <param name="Marker">Marker shape.</param>
public sealed record SeriesStyle(string Color, LineDash Dash, MarkerShape Marker);
