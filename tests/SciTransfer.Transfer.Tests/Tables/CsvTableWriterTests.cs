using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Tests.Tables;

/// <summary>The shared CSV writer: exact bytes, quoting, formula neutralising, and a round trip through the reader.</summary>
public sealed class CsvTableWriterTests
{
    [Fact]
    public void Writes_lf_lines_invariant_numbers_and_quotes_only_when_needed()
    {
        string text = CsvTableWriter.Format(["name", "value", "n"], w =>
        {
            w.Text("plain").Number(-1.5).Integer(3).EndRow();
            w.Text("a,b").Number(0.1 + 0.2).Integer(-4).EndRow();
            w.Text("say \"hi\"").Number(double.NaN).Integer(0).EndRow();
            w.Text("two\nlines").Number(1e-300, "0.###").Integer(ulong.MaxValue).EndRow();
        });
        Assert.Equal(
            "name,value,n\nplain,-1.5,3\n\"a,b\",0.30000000000000004,-4\n\"say \"\"hi\"\"\",NaN,0\n\"two\nlines\",0,18446744073709551615\n",
            text);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-x", "'-x")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("'quoted", "''quoted")]
    [InlineData("x=1", "x=1")]
    [InlineData("-", "'-")]
    public void Text_cells_that_could_run_as_formulas_get_an_apostrophe(string value, string cell)
    {
        Assert.Equal($"{cell}\n", CsvTableWriter.Format(null, w => w.Text(value).EndRow()));
        Assert.Equal(value, SpreadsheetSafety.Restore(SpreadsheetSafety.Neutralise(value)));
    }

    [Fact]
    public void Carriage_return_start_is_neutralised_and_quoted()
    {
        Assert.Equal("\"'\rx\"\n", CsvTableWriter.Format(null, w => w.Text("\rx").EndRow()));
    }

    [Fact]
    public void Negative_numbers_are_never_neutralised()
    {
        Assert.Equal("-1.5,-2\n", CsvTableWriter.Format(null, w => w.Number(-1.5).Integer(-2).EndRow()));
    }

    [Fact]
    public void A_row_with_the_wrong_width_is_a_programming_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CsvTableWriter.Format(["a", "b"], w => w.Text("x").EndRow()));
        Assert.Equal("a CSV row got 1 fields, the table has 2 columns", e.Message);
    }

    [Fact]
    public void Round_trip_through_the_reader_restores_every_text_and_number_exactly()
    {
        string[] texts = ["=cmd|' /C calc'!A0", "a,\"b\"", "multi\r\nline", "'", "-", "plain", " padded "];
        double[] numbers = [-0.0, double.Epsilon, -1.5, 1e308, 0.1 + 0.2, -123456789.125];
        using var dir = new TempDir();
        string file = dir.Sub("rt.csv");
        using (var w = CsvTableWriter.Create(file, ["text", "number"]))
        {
            for (int i = 0; i < texts.Length; i++)
            {
                w.Text(texts[i]).Number(numbers[i % numbers.Length]).EndRow();
            }
        }

        using var r = CsvTableReader.Open(file, ["text", "number"]);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(r.Next());
            Assert.Equal(texts[i], SpreadsheetSafety.Restore(r.Raw("text")));
            Assert.Equal(BitConverter.DoubleToInt64Bits(numbers[i % numbers.Length]), BitConverter.DoubleToInt64Bits(r.Number("number", double.MinValue, double.MaxValue)));
        }

        Assert.False(r.Next());
        Assert.NotEqual(0xEF, File.ReadAllBytes(file)[0]); // no BOM
    }
}
