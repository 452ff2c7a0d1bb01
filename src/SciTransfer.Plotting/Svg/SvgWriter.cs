using System.Text;

namespace SciTransfer.Plotting.Svg;

/// <summary>
/// A small streaming SVG writer: elements, attributes, text, with escaping and invariant number
/// formatting (<see cref="SvgFormat"/>). Output uses "\n" line ends and two-space indentation so the
/// bytes depend only on the calls made.
/// </summary>
/// <example>
/// <code>
/// var w = new SvgWriter(900, 560);
/// w.Start("rect").Attr("x", 10).Attr("y", 10).Attr("width", 50).Attr("height", 20).Close();
/// w.Start("text").Attr("x", 10).Attr("y", 50).Text("hello");
/// string svg = w.Finish();
/// </code>
/// </example>
public sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<string> _open = new();
    private bool _inStartTag;
    private bool _finished;

    /// <summary>Starts a document of the given size in pixels, with a default font.</summary>
    public SvgWriter(double width, double height, string fontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif", double fontSize = 12)
    {
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
        _inStartTag = true;
        _open.Push("svg");
        Attr("width", width).Attr("height", height);
        Attr("viewBox", $"0 0 {SvgFormat.Number(width)} {SvgFormat.Number(height)}");
        Attr("font-family", fontFamily).Attr("font-size", fontSize);
        EndStartTag();
    }

    /// <summary>Opens an element; add attributes, then <see cref="Close"/> (empty), <see cref="Text"/> or <see cref="Open"/>.</summary>
    public SvgWriter Start(string name)
    {
        EnsureWritable();
        if (_inStartTag)
        {
            throw new InvalidOperationException($"SvgWriter.Start(\"{name}\"): the previous element <{_open.Peek()}> was not closed or opened.");
        }

        NewLine(_open.Count);
        _sb.Append('<').Append(name);
        _open.Push(name);
        _inStartTag = true;
        return this;
    }

    /// <summary>Adds a string attribute (escaped).</summary>
    public SvgWriter Attr(string name, string value)
    {
        RequireStartTag(name);
        _sb.Append(' ').Append(name).Append("=\"").Append(SvgFormat.Escape(value)).Append('"');
        return this;
    }

    /// <summary>Adds a numeric attribute with <paramref name="decimals"/> decimals.</summary>
    public SvgWriter Attr(string name, double value, int decimals = 1)
    {
        RequireStartTag(name);
        _sb.Append(' ').Append(name).Append("=\"").Append(SvgFormat.Number(value, decimals)).Append('"');
        return this;
    }

    /// <summary>Ends the start tag and keeps the element open for children; pair with <see cref="End"/>.</summary>
    public SvgWriter Open()
    {
        RequireStartTag("(open)");
        EndStartTag();
        return this;
    }

    /// <summary>Closes the element just started as an empty element.</summary>
    public SvgWriter Close()
    {
        RequireStartTag("(close)");
        _sb.Append("/>");
        _open.Pop();
        _inStartTag = false;
        return this;
    }

    /// <summary>Writes escaped text content and closes the element just started.</summary>
    public SvgWriter Text(string content)
    {
        RequireStartTag("(text)");
        _sb.Append('>').Append(SvgFormat.Escape(content));
        _sb.Append("</").Append(_open.Pop()).Append('>');
        _inStartTag = false;
        return this;
    }

    /// <summary>Closes the innermost element opened with <see cref="Open"/>.</summary>
    public SvgWriter End()
    {
        EnsureWritable();
        if (_inStartTag)
        {
            throw new InvalidOperationException($"SvgWriter.End: <{_open.Peek()}> is still in its start tag.");
        }

        if (_open.Count <= 1)
        {
            throw new InvalidOperationException("SvgWriter.End: no element is open besides <svg>.");
        }

        string name = _open.Pop();
        NewLine(_open.Count);
        _sb.Append("</").Append(name).Append('>');
        return this;
    }

    /// <summary>Closes the document and returns its text (ends with a newline).</summary>
    public string Finish()
    {
        EnsureWritable();
        if (_inStartTag || _open.Count != 1)
        {
            throw new InvalidOperationException($"SvgWriter.Finish: element <{_open.Peek()}> is still open.");
        }

        _open.Pop();
        _sb.Append("\n</svg>\n");
        _finished = true;
        return _sb.ToString();
    }

    private void EndStartTag()
    {
        _sb.Append('>');
        _inStartTag = false;
    }

    private void RequireStartTag(string what)
    {
        EnsureWritable();
        if (!_inStartTag)
        {
            throw new InvalidOperationException($"SvgWriter: {what} needs an element start tag; call Start first.");
        }
    }

    private void EnsureWritable()
    {
        if (_finished)
        {
            throw new InvalidOperationException("SvgWriter: the document is already finished.");
        }
    }

    private void NewLine(int depth) => _sb.Append('\n').Append(' ', depth * 2);
}
