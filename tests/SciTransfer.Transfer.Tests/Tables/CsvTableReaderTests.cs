using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Tests.Tables;

/// <summary>The shared CSV reader: accepted dialects, and one test per error with its exact file/row/column.</summary>
public sealed class CsvTableReaderTests
{
    private static readonly string[] Xy = ["x", "y"];

    private static DataFormatException Fails(string content, string[]? required = null, string[]? optional = null, Action<CsvTableReader>? read = null)
    {
        return Assert.Throws<DataFormatException>(() =>
        {
            using var r = CsvTableReader.Parse("t.csv", content, required ?? Xy, optional);
            while (r.Next())
            {
                read?.Invoke(r);
            }
        });
    }

    private static List<(double X, string Y)> ReadAll(CsvTableReader r)
    {
        var rows = new List<(double, string)>();
        while (r.Next())
        {
            rows.Add((r.Number("x", double.MinValue, double.MaxValue), r.Text("y")));
        }

        return rows;
    }

    [Fact]
    public void Bom_crlf_quotes_and_blank_lines_are_accepted_with_physical_line_numbers()
    {
        using var dir = new TempDir();
        string file = dir.File("a.csv", "\uFEFFy,x\r\n\"a, \"\"b\"\"\",1.5\r\n\r\n\"two\nlines\",-2\r\nz,3e2\r\n");
        using var r = CsvTableReader.Open(file, Xy);
        Assert.True(r.Next());
        Assert.Equal((1.5, "a, \"b\""), (r.Number("x", -10, 10), r.Text("y")));
        Assert.Equal(2, r.Row);
        Assert.True(r.Next());
        Assert.Equal("two\nlines", r.Text("y"));
        Assert.Equal(4, r.Row); // line 3 is blank
        Assert.True(r.Next());
        Assert.Equal(6, r.Row); // the quoted field above took lines 4 and 5
        Assert.Equal(300.0, r.Number("x", 0, 1000));
        Assert.False(r.Next());
    }

    [Fact]
    public void Same_rows_with_lf_or_crlf_or_bom()
    {
        const string lf = "x,y\n1,a\n2,b\n";
        using var a = CsvTableReader.Parse("t.csv", lf, Xy);
        using var b = CsvTableReader.Parse("t.csv", lf.Replace("\n", "\r\n", StringComparison.Ordinal), Xy);
        using var c = CsvTableReader.Parse("t.csv", "\uFEFF" + lf, Xy);
        var expected = new List<(double, string)> { (1, "a"), (2, "b") };
        Assert.Equal(expected, ReadAll(a));
        Assert.Equal(expected, ReadAll(b));
        Assert.Equal(expected, ReadAll(c));
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Open("/nonexistent/q.csv", Xy));
        Assert.Equal(("/nonexistent/q.csv", 0L, "(file)", "file not found"), (e.File, e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Empty_file_is_an_error_on_the_header_line()
    {
        var e = Fails(string.Empty);
        Assert.Equal((1L, "(header)"), (e.Row, e.Column));
        Assert.Contains("empty file", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_column_is_named()
    {
        var e = Fails("x,y,z\n1,2,3\n");
        Assert.Equal((1L, "z"), (e.Row, e.Column));
        Assert.StartsWith("unknown column; expected exactly x,y", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicated_column_is_named()
    {
        var e = Fails("x,y,x\n1,2,3\n");
        Assert.Equal((1L, "x", "duplicate column"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Missing_required_column_is_named()
    {
        var e = Fails("x\n1\n");
        Assert.Equal((1L, "y", "missing required column"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Any_column_mode_accepts_unknown_names_but_still_requires_and_rejects_duplicates_and_empty_names()
    {
        using (var r = CsvTableReader.ParseWithAnyColumns("w.csv", "\uFEFFp1,label,p0\n3,1,4\n", ["label"]))
        {
            Assert.Equal(["p1", "label", "p0"], r.Columns);
            Assert.True(r.Next());
            Assert.Equal((3.0, 1, 4.0), (r.Number("p1", 0, 9), r.Integer("label", 0, 9), r.Number("p0", 0, 9)));
        }

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.ParseWithAnyColumns("w.csv", "p0,p1\n1,2\n", ["label"]));
        Assert.Equal((1L, "label"), (e.Row, e.Column));
        e = Assert.Throws<DataFormatException>(() => CsvTableReader.ParseWithAnyColumns("w.csv", "label,p0,p0\n1,2,3\n", ["label"]));
        Assert.Equal("p0", e.Column);
        e = Assert.Throws<DataFormatException>(() => CsvTableReader.ParseWithAnyColumns("w.csv", "label,,p1\n1,2,3\n", ["label"]));
        Assert.Equal("(column 2)", e.Column);
    }

    [Fact]
    public void Optional_columns_may_be_absent_or_empty()
    {
        using var r = CsvTableReader.Parse("t.csv", "x,y,w\n1,a,\n2,b,0.5\n", Xy, ["w", "v"]);
        Assert.True(r.Has("w"));
        Assert.False(r.Has("v"));
        Assert.True(r.Next());
        Assert.Null(r.OptionalNumber("w", 0, 1));
        Assert.Null(r.OptionalText("w"));
        Assert.Null(r.OptionalText("v"));
        Assert.True(r.Next());
        Assert.Equal(0.5, r.OptionalNumber("w", 0, 1));
        Assert.Equal("0.5", r.OptionalText("w"));
    }

    [Fact]
    public void Too_few_fields_names_the_row_and_first_missing_column()
    {
        var e = Fails("x,y\n1,a\n2\n");
        Assert.Equal((3L, "y", "expected 2 fields, found 1"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Too_many_fields_names_the_row()
    {
        var e = Fails("x,y\n1,a,b\n");
        Assert.Equal((2L, "(extra field)", "expected 2 fields, found 3"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Field_count_error_after_a_multiline_field_counts_physical_lines()
    {
        var e = Fails("x,y\n1,\"a\nb\nc\"\n2\n");
        Assert.Equal((5L, "y"), (e.Row, e.Column));
    }

    [Fact]
    public void Stray_quote_is_an_error_on_its_line()
    {
        var e = Fails("x,y\n1,a\n2,b\"c\n");
        Assert.Equal((3L, "(quoting)"), (e.Row, e.Column));
    }

    [Fact]
    public void Unclosed_quote_is_an_error_on_the_line_it_opens()
    {
        var e = Fails("x,y\n1,a\n2,\"b\n3,c\n");
        Assert.Equal((3L, "(quoting)"), (e.Row, e.Column));
    }

    [Fact]
    public void Empty_text_field_is_an_error()
    {
        var e = Fails("x,y\n1, \n", read: r => r.Text("y"));
        Assert.Equal((2L, "y", "empty field"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Non_number_names_the_value()
    {
        var e = Fails("x,y\n1,a\nabc,b\n", read: r => r.Number("x", 0, 10));
        Assert.Equal((3L, "x", "'abc' is not a finite number"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Infinite_and_nan_numbers_are_errors()
    {
        Assert.Equal("'NaN' is not a finite number", Fails("x,y\nNaN,a\n", read: r => r.Number("x", double.MinValue, double.MaxValue)).Problem);
        Assert.Equal("'Infinity' is not a finite number", Fails("x,y\nInfinity,a\n", read: r => r.Number("x", double.MinValue, double.MaxValue)).Problem);
    }

    [Fact]
    public void Number_out_of_range_gives_range_and_hint()
    {
        var e = Fails("x,y\n11,a\n", read: r => r.Number("x", 0, 10, "(percent of 10)"));
        Assert.Equal((2L, "x", "11 is outside [0, 10] (percent of 10)"), (e.Row, e.Column, e.Problem));
    }

    [Fact]
    public void Integer_rejects_fractions_and_range()
    {
        Assert.Equal("'1.5' is not a whole number", Fails("x,y\n1.5,a\n", read: r => r.Integer("x", 0, 10)).Problem);
        Assert.Equal("-1 is outside [0, 10]", Fails("x,y\n-1,a\n", read: r => r.Integer("x", 0, 10)).Problem);
        using var ok = CsvTableReader.Parse("t.csv", "x,y\n-7,a\n", Xy);
        Assert.True(ok.Next());
        Assert.Equal(-7, ok.Integer("x", -10, 10));
    }

    [Fact]
    public void Error_in_a_field_after_a_multiline_field_names_the_line_of_that_field()
    {
        // Row starts on line 2; field y (first column) spans lines 2-3, so x starts on line 3.
        var e = Fails("y,x\n\"a\nb\",oops\n", read: r => r.Number("x", 0, 1));
        Assert.Equal((3L, "x"), (e.Row, e.Column));
    }

    [Fact]
    public void Header_after_blank_lines_is_an_error()
    {
        var e = Fails("\n\nx,y\n1,a\n");
        Assert.Equal((3L, "(header)"), (e.Row, e.Column));
    }

    [Fact]
    public void Semicolons_are_not_guessed_as_separator()
    {
        // A file in a European spreadsheet dialect must fail on its header, not be read in another dialect.
        var e = Fails("x;y\n1;a\n");
        Assert.Equal((1L, "x;y"), (e.Row, e.Column));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void One_million_rows_of_six_columns_read_every_value()
    {
        using var dir = new TempDir();
        string file = dir.Sub("big.csv");
        string[] columns = ["date", "county", "state", "fips", "cases", "deaths"];
        using (var w = new StreamWriter(file))
        {
            w.Write("date,county,state,fips,cases,deaths\n");
            for (int i = 0; i < 1_000_000; i++)
            {
                w.Write($"2020-03-{1 + (i % 28):00},County {i % 3000},State {i % 50},{10000 + (i % 3000)},{i},{i / 100}\n");
            }
        }

        // How fast is a benchmark's business (bench CsvTableReaderBenchmarks), not this test's: it checks what is read.
        double sum = 0;
        int rows = 0;
        using (var r = CsvTableReader.Open(file, columns))
        {
            while (r.Next())
            {
                _ = r.Text("date");
                _ = r.Text("county");
                _ = r.Text("state");
                sum += r.Integer("fips", 0, 99999) + r.Number("cases", 0, 1e9) + r.Number("deaths", 0, 1e9);
                rows++;
            }
        }

        Assert.Equal(1_000_000, rows);

        // The same sum computed from the generator, not from the file.
        double fips = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            fips += 10000 + (i % 3000) + i + (i / 100);
        }

        Assert.Equal(fips, sum);
    }

    [Fact]
    public void With_any_columns_other_names_are_accepted_but_required_missing_duplicate_and_empty_names_are_not()
    {
        using (var r = CsvTableReader.ParseWithAnyColumns("c.csv", "svi,fips,rate\n0.5,08001,3\n", ["fips"]))
        {
            Assert.Equal(["svi", "fips", "rate"], r.Columns);
            Assert.True(r.Next());
            Assert.Equal(3, r.Number("rate", 0, 10));
        }

        var missing = Assert.Throws<DataFormatException>(() => CsvTableReader.ParseWithAnyColumns("c.csv", "svi\n1\n", ["fips"]));
        Assert.Equal((1L, "fips"), (missing.Row, missing.Column));
        var twice = Assert.Throws<DataFormatException>(() => CsvTableReader.ParseWithAnyColumns("c.csv", "fips,a,a\n1,2,3\n", ["fips"]));
        Assert.Equal((1L, "a"), (twice.Row, twice.Column));
        var empty = Assert.Throws<DataFormatException>(() => CsvTableReader.ParseWithAnyColumns("c.csv", "fips,,b\n1,2,3\n", ["fips"]));
        Assert.Equal((1L, "(column 2)"), (empty.Row, empty.Column));
    }
}
