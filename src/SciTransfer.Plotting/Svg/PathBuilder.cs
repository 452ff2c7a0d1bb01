using System.Text;

namespace SciTransfer.Plotting.Svg;

/// <summary>Builds the "d" attribute of an SVG path (absolute moves and lines, coordinates in px).</summary>
public sealed class PathBuilder
{
    private readonly StringBuilder _sb = new();

    /// <summary>True when nothing was added.</summary>
    public bool IsEmpty => _sb.Length == 0;

    /// <summary>Starts a new sub-path at (x, y).</summary>
    public PathBuilder MoveTo(double x, double y) => Append('M', x, y);

    /// <summary>Draws a straight segment to (x, y).</summary>
    public PathBuilder LineTo(double x, double y) => Append('L', x, y);

    /// <summary>Closes the current sub-path.</summary>
    public PathBuilder ClosePath()
    {
        _sb.Append('Z');
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _sb.ToString();

    private PathBuilder Append(char op, double x, double y)
    {
        _sb.Append(op).Append(SvgFormat.Number(x)).Append(' ').Append(SvgFormat.Number(y));
        return this;
    }
}
