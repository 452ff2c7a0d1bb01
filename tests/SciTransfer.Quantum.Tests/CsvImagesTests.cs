using System.IO.Compression;
using System.Text;
using SciTransfer.Quantum.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Tests;

/// <summary>The CSV image loader on the shared CsvTableReader: layouts, scaling, quoting, BOM and every error.</summary>
public sealed class CsvImagesTests
{
    [Fact]
    public void Pixels_with_a_bom_crlf_quotes_and_the_label_in_the_middle_are_read_row_major_and_scaled()
    {
        // 2x2 images; the label column sits between pixels; quoted numbers and a quoted header name are allowed.
        string csv = "\uFEFFp0,\"p1\",label,p2,p3\r\n0,\"4\",1,8,2\r\n\r\n\"8\",0,0,0,0\r\n";
        var t = CsvImages.Parse("in.csv", csv, "label", CsvLayout.Pixels);
        Assert.Equal((2, 2, 2, true), (t.Height, t.Width, t.Count, t.IsImage));
        Assert.Equal(new[] { 1, 0 }, t.Labels);
        // Scaled by the file's largest value (8).
        Assert.Equal(new[] { 0f, 0.5f, 1f, 0.25f, 1f, 0f, 0f, 0f }, t.Values);
        Assert.Equal("row 2", t.Where(0));
        Assert.Equal("row 4", t.Where(1));
    }

    [Fact]
    public void Features_keep_their_values_and_any_count()
    {
        var t = CsvImages.Parse("f.csv", "a,b,c,y\n-1.5,2e3,0,3\n", "y", CsvLayout.Features);
        Assert.Equal((1, 3, false), (t.Height, t.Width, t.IsImage));
        Assert.Equal(new[] { -1.5f, 2000f, 0f }, t.Values);
        Assert.Equal(new[] { 3 }, t.Labels);
    }

    [Fact]
    public void Non_square_pixels_need_image_width_and_it_must_divide()
    {
        string csv = "label,a,b,c,d,e,f\n1,1,2,3,4,5,6\n";
        var e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("r.csv", csv, "label", CsvLayout.Pixels));
        Assert.Contains("not a square image", e.Problem, StringComparison.Ordinal);
        Assert.Contains("image_width", e.Problem, StringComparison.Ordinal);
        var t = CsvImages.Parse("r.csv", csv, "label", CsvLayout.Pixels, imageWidth: 3);
        Assert.Equal((2, 3), (t.Height, t.Width));
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("r.csv", csv, "label", CsvLayout.Pixels, imageWidth: 4));
        Assert.Contains("image_width = 4", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_label_column_is_named_in_the_header()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("m.csv", "class,p0\n1,2\n", "label", CsvLayout.Pixels));
        Assert.Equal((1L, "label"), (e.Row, e.Column));
        Assert.Contains("missing required column", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_labels_and_pixels_name_the_physical_line_and_column()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("b.csv", "label,p0\n1,2\n1.5,3\n", "label", CsvLayout.Pixels));
        Assert.Equal((3L, "label"), (e.Row, e.Column));
        Assert.Contains("not a whole number", e.Problem, StringComparison.Ordinal);
        // A quoted field with a line break ("2" then a newline, which number parsing allows as trailing white space)
        // moves the next row down one physical line: the bad pixel is on line 4.
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("b.csv", "label,p0\n1,\"2\n\"\n0,-1\n", "label", CsvLayout.Pixels));
        Assert.Equal((4L, "p0"), (e.Row, e.Column));
    }

    [Fact]
    public void Negative_pixels_point_to_the_features_layout()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("n.csv", "label,p0\n1,2\n0,-1\n", "label", CsvLayout.Pixels));
        Assert.Equal((3L, "p0"), (e.Row, e.Column));
        Assert.Contains("features", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_field_counts_duplicate_and_empty_names_and_empty_files_are_errors()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("w.csv", "label,p0\n1,2,3\n", "label", CsvLayout.Pixels));
        Assert.Equal(2L, e.Row);
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("d.csv", "label,p0,p0\n1,2,3\n", "label", CsvLayout.Pixels));
        Assert.Contains("duplicate", e.Problem, StringComparison.Ordinal);
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("e.csv", "label,,p1\n1,2,3\n", "label", CsvLayout.Pixels));
        Assert.Equal("(column 2)", e.Column);
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("h.csv", "label,p0\n", "label", CsvLayout.Pixels));
        Assert.Contains("no data rows", e.Problem, StringComparison.Ordinal);
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("o.csv", "label\n1\n", "label", CsvLayout.Pixels));
        Assert.Contains("no pixel columns", e.Problem, StringComparison.Ordinal);
        e = Assert.Throws<DataFormatException>(() => CsvImages.Parse("z.csv", "label,p0\n1,0\n", "label", CsvLayout.Pixels));
        Assert.Contains("every pixel is 0", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_and_plain_files_load_the_same_and_a_missing_file_is_named()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"csv-img-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string text = "\uFEFFlabel,p0,p1,p2,p3\n3,0,16,8,4\n";
            string plain = Path.Combine(dir, "a.csv"), gz = Path.Combine(dir, "a.csv.gz");
            File.WriteAllText(plain, text, new UTF8Encoding(false));
            using (var f = File.Create(gz))
            using (var z = new GZipStream(f, CompressionLevel.Fastest))
            {
                z.Write(Encoding.UTF8.GetBytes(text));
            }

            var a = CsvImages.Load(plain, "label", CsvLayout.Pixels);
            var b = CsvImages.Load(gz, "label", CsvLayout.Pixels);
            Assert.Equal(a.Values, b.Values);
            Assert.Equal(new[] { 0f, 1f, 0.5f, 0.25f }, b.Values);
            // A cut-short download: the gzip trailer check turns silently missing rows into an error.
            var big = new MemoryStream();
            using (var z = new GZipStream(big, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(Encoding.UTF8.GetBytes("label,p0\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 2},{(i * 7919) % 256}\n"))));
            }

            string cut = Path.Combine(dir, "cut.csv.gz");
            File.WriteAllBytes(cut, big.ToArray()[..(int)(big.Length * 6 / 10)]);
            var g = Assert.Throws<DataFormatException>(() => CsvImages.Load(cut, "label", CsvLayout.Pixels));
            Assert.Equal((cut, "(gzip)"), (g.File, g.Column));
            string missing = Path.Combine(dir, "none.csv");
            var e = Assert.Throws<DataFormatException>(() => CsvImages.Load(missing, "label", CsvLayout.Pixels));
            Assert.Equal(missing, e.File);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
