using System.Globalization;
using System.Xml.Linq;

namespace SciTransfer.Tests.Shared;

/// <summary>Parses SVG text with System.Xml and offers the queries the tests use.</summary>
internal sealed class SvgDocument
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public SvgDocument(string svg)
    {
        Root = XDocument.Parse(svg).Root ?? throw new InvalidOperationException("no root");
        Assert.Equal(Ns + "svg", Root.Name);
    }

    public XElement Root { get; }

    public IEnumerable<XElement> All(string local) => Root.Descendants(Ns + local);

    public List<XElement> SeriesGroups() => All("g").Where(g => g.Attribute("data-strategy") is not null).ToList();

    public List<XElement> WithClass(string cssClass) =>
        Root.Descendants().Where(e => (e.Attribute("class")?.Value ?? "").Split(' ').Contains(cssClass)).ToList();

    public static double Num(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)?.Value ?? throw new InvalidOperationException($"<{e.Name.LocalName}> lacks {attribute}"), CultureInfo.InvariantCulture);

    /// <summary>X coordinates of the absolute M/L commands of a path's d attribute.</summary>
    public static List<double> PathXs(string d)
    {
        var xs = new List<double>();
        foreach (string part in d.Split('M', 'L', 'Z').Where(s => s.Length > 0))
        {
            xs.Add(double.Parse(part.Split(' ')[0], CultureInfo.InvariantCulture));
        }

        return xs;
    }
}
