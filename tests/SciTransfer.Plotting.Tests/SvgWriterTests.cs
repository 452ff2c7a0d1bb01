using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Tests;

public class SvgWriterTests
{
    [Theory]
    [InlineData(1.25, 1, "1.3")]
    [InlineData(-1.25, 1, "-1.3")]
    [InlineData(-0.04, 1, "0")]
    [InlineData(2.0, 1, "2")]
    [InlineData(1234567.891, 2, "1234567.89")]
    [InlineData(0.5, 0, "1")]
    public void Numbers_are_invariant_rounded_and_never_negative_zero(double value, int decimals, string expected)
    {
        Assert.Equal(expected, SvgFormat.Number(value, decimals));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_numbers_are_refused_rather_than_written(double value)
    {
        Assert.Throws<ArgumentException>(() => SvgFormat.Number(value));
    }

    [Fact]
    public void Text_with_markup_characters_and_control_characters_still_parses_and_round_trips()
    {
        const string nasty = "a<b & c>\"d\" 'e' \u0001 \ud800 ok \U0001F600";
        var w = new SvgWriter(100, 50);
        w.Start("g").Attr("data-strategy", nasty).Open();
        w.Start("text").Attr("x", 1).Attr("y", 2).Text(nasty);
        w.End();
        var doc = new SvgDocument(w.Finish());
        string expected = "a<b & c>\"d\" 'e' \uFFFD \uFFFD ok \U0001F600";
        Assert.Equal(expected, doc.SeriesGroups().Single().Attribute("data-strategy")!.Value);
        Assert.Equal(expected, doc.All("text").Single().Value);
    }

    [Fact]
    public void Unbalanced_use_is_reported_instead_of_producing_broken_xml()
    {
        var w = new SvgWriter(10, 10);
        w.Start("g").Open();
        Assert.Throws<InvalidOperationException>(() => w.Finish());
        var w2 = new SvgWriter(10, 10);
        Assert.Throws<InvalidOperationException>(() => w2.Attr("x", 1));
    }

    [Fact]
    public void Identical_calls_give_identical_bytes()
    {
        static string Draw()
        {
            var w = new SvgWriter(200, 100);
            w.Start("path").Attr("d", new PathBuilder().MoveTo(1.04, 2.06).LineTo(3.15, 4.25).ToString()).Close();
            return w.Finish();
        }

        Assert.Equal(Draw(), Draw());
        Assert.Contains("d=\"M1 2.1L3.2 4.3\"", Draw(), StringComparison.Ordinal);
    }
}
