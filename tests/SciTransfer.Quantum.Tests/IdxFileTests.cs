using System.Buffers.Binary;
using System.IO.Compression;
using SciTransfer.Quantum.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Tests;

/// <summary>The IDX loader: plain and gzip files give the same data, and every malformed file is named with what is wrong.</summary>
public sealed class IdxFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"idx-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public IdxFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Plain_and_gzip_files_give_identical_images_labels_and_shape()
    {
        // 3 images of 2x3 (rows x cols): pixel p of image i = 10 i + p, so any reordering shows.
        var pixels = Enumerable.Range(0, 18).Select(j => (byte)((10 * (j / 6)) + (j % 6))).ToArray();
        byte[] images = Idx(0x803, [3, 2, 3], pixels), labels = Idx(0x801, [3], [7, 0, 255]);
        string pi = Write("plain-images", images), pl = Write("plain-labels", labels);
        string gi = WriteGz("images.gz", images), gl = WriteGz("labels.gz", labels);
        var plain = IdxFile.LoadPair(pi, pl);
        var gz = IdxFile.LoadPair(gi, gl);
        Assert.Equal((2, 3, 3), (plain.Height, plain.Width, plain.Count));
        Assert.Equal(pixels, plain.Raw);
        Assert.Equal(plain.Raw, gz.Raw);
        Assert.Equal(new byte[] { 7, 0, 255 }, gz.Labels);
        Assert.Equal(25 / 255f, plain.Pixel(2, 5), 6);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string missing = Path.Combine(_dir, "nope-idx3-ubyte");
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(missing));
        Assert.Equal((missing, "(file)"), (e.File, e.Column));
        Assert.Contains("not found", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_idx_is_rejected_by_its_magic()
    {
        string csv = Write("images.csv", "label,p0\n1,2\n"u8.ToArray());
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(csv));
        Assert.Equal((csv, "magic"), (e.File, e.Column));
        Assert.Contains("not an IDX file", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_given_as_images_and_images_as_labels_name_the_dimension_count()
    {
        string labels = Write("labels", Idx(0x801, [2], [1, 0]));
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(labels));
        Assert.Equal("magic", e.Column);
        Assert.Contains("1 dimensions", e.Problem, StringComparison.Ordinal);
        Assert.Contains("0x00000803", e.Problem, StringComparison.Ordinal);
        string images = Write("images", Idx(0x803, [1, 1, 1], [5]));
        e = Assert.Throws<DataFormatException>(() => IdxFile.ReadLabels(images));
        Assert.Contains("3 dimensions", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_byte_element_type_is_rejected()
    {
        // 0x0D = float32 in the IDX spec.
        string f = Write("floats", Idx(0xD03, [1, 1, 1], [0, 0, 0, 0]));
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(f));
        Assert.Contains("element type 0x0D", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_sizes_in_the_header_name_the_dimension()
    {
        string f = Write("zero-rows", Idx(0x803, [4, 0, 28], []));
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(f));
        Assert.Equal("rows", e.Column);
        Assert.Contains("rows = 0", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_cut_short_is_named()
    {
        string f = Write("short-header", [0, 0, 8, 3, 0, 0, 0, 1]);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(f));
        Assert.Equal("header", e.Column);
        Assert.Contains("8 bytes, shorter than its 16-byte header", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_and_overlong_files_give_the_sizes()
    {
        string cut = Write("cut", Idx(0x803, [2, 2, 2], [1, 2, 3, 4, 5, 6, 7]));
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(cut));
        Assert.Equal("length", e.Column);
        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
        Assert.Contains("(8 data bytes) but 7", e.Problem, StringComparison.Ordinal);
        string longer = Write("long", Idx(0x801, [2], [1, 2, 3]));
        e = Assert.Throws<DataFormatException>(() => IdxFile.ReadLabels(longer));
        Assert.Contains("trailing bytes", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        string images = Write("i", Idx(0x803, [2, 1, 1], [1, 2]));
        string labels = Write("l", Idx(0x801, [3], [0, 1, 0]));
        var e = Assert.Throws<DataFormatException>(() => IdxFile.LoadPair(images, labels));
        Assert.Equal((labels, "count"), (e.File, e.Column));
        Assert.Contains("3 labels but", e.Problem, StringComparison.Ordinal);
        Assert.Contains("2 images", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_gzip_is_named()
    {
        var gz = File.ReadAllBytes(WriteGz("ok.gz", Idx(0x801, [100], new byte[100])));
        string cut = Write("cut.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.ReadLabels(cut));
        Assert.Equal((cut, "(gzip)"), (e.File, e.Column));
    }

    internal static byte[] Idx(int magic, int[] dims, byte[] payload)
    {
        var data = new byte[4 + (4 * dims.Length) + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, magic);
        for (int d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 + (4 * d)), dims[d]);
        }

        payload.CopyTo(data, 4 + (4 * dims.Length));
        return data;
    }

    private string Write(string name, byte[] data)
    {
        string p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, data);
        return p;
    }

    private string WriteGz(string name, byte[] data)
    {
        string p = Path.Combine(_dir, name);
        using (var f = File.Create(p))
        using (var gz = new GZipStream(f, CompressionLevel.Fastest))
        {
            gz.Write(data);
        }

        return p;
    }
}
