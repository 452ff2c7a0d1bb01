using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Data;

/// <summary>
/// IDX files as MNIST, Fashion-MNIST and KMNIST ship them (LeCun's format): a big-endian header
/// <c>00 00 08 D</c> (type 0x08 = unsigned byte, D dimensions), D big-endian int32 sizes, then the bytes in
/// row-major order. Images are <c>idx3</c> (count x rows x cols), labels <c>idx1</c> (count). Files may be plain or
/// gzip (recognised by the gzip magic bytes 1F 8B, not by the name). Every check names the file and what is wrong:
/// missing file, bad gzip, wrong magic or element type, wrong dimension count, zero or negative sizes, a file shorter
/// or longer than its header says, and image/label counts that differ.
/// </summary>
public static class IdxFile
{
    /// <summary>Unsigned-byte element type code (third header byte); the only one image data sets use.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Largest image side accepted (guards against a garbage header asking for gigabytes).</summary>
    public const int MaxSide = 4096;

    /// <summary>
    /// Loads an image file and its label file into an <see cref="ImageSet"/> (pixels scaled 0..255 -> [0, 1]).
    /// </summary>
    /// <exception cref="DataFormatException">Either file is missing or malformed, or their counts differ.</exception>
    public static ImageSet LoadPair(string imagesPath, string labelsPath)
    {
        var (count, rows, cols, pixels) = ReadImages(imagesPath);
        byte[] labels = ReadLabels(labelsPath);
        if (labels.Length != count)
        {
            throw new DataFormatException(
                labelsPath,
                0,
                "count",
                string.Create(CultureInfo.InvariantCulture, $"{labels.Length} labels but {imagesPath} holds {count} images; the two files must come from the same split"));
        }

        return new ImageSet(rows, cols, pixels, 1f / 255, labels);
    }

    /// <summary>Reads an idx3 image file: count, rows, cols and count*rows*cols bytes.</summary>
    public static (int Count, int Rows, int Cols, byte[] Pixels) ReadImages(string path)
    {
        byte[] data = ReadAll(path);
        int[] dims = Header(path, data, 3, "an image file (idx3: count, rows, cols)");
        if (dims[1] > MaxSide || dims[2] > MaxSide)
        {
            throw new DataFormatException(path, 0, "dimensions", string.Create(CultureInfo.InvariantCulture, $"images of {dims[1]}x{dims[2]} exceed the {MaxSide}-pixel side limit; is the header corrupt?"));
        }

        long expected = (long)dims[0] * dims[1] * dims[2];
        CheckLength(path, data, 16, expected, string.Create(CultureInfo.InvariantCulture, $"{dims[0]} images of {dims[1]}x{dims[2]}"));
        return (dims[0], dims[1], dims[2], data.AsSpan(16).ToArray());
    }

    /// <summary>Reads an idx1 label file.</summary>
    public static byte[] ReadLabels(string path)
    {
        byte[] data = ReadAll(path);
        int[] dims = Header(path, data, 1, "a label file (idx1: count)");
        CheckLength(path, data, 8, dims[0], string.Create(CultureInfo.InvariantCulture, $"{dims[0]} labels"));
        return data.AsSpan(8).ToArray();
    }

    /// <summary>
    /// The whole file, gunzipped when it starts with the gzip magic (whatever its name); a gzip stream that is cut
    /// short or corrupt is a <see cref="DataFormatException"/> with column "(gzip)", never silently partial data.
    /// </summary>
    public static byte[] ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "(file)", "file not found");
        }

        byte[] raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B)
        {
            return raw;
        }

        try
        {
            using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            // .NET stops quietly at the end of a cut-short stream; the gzip trailer's last 4 bytes hold the
            // uncompressed size mod 2^32, so a mismatch reveals the cut (single-member files, as IDX downloads are).
            uint trailer = raw.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4)) : uint.MaxValue;
            if (trailer != (uint)ms.Length)
            {
                throw new DataFormatException(path, 0, "(gzip)", string.Create(CultureInfo.InvariantCulture, $"decompresses to {ms.Length} bytes but its trailer says {trailer}; the file is cut short or corrupt"));
            }

            return ms.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, 0, "(gzip)", $"starts like a gzip file but does not decompress ({e.Message}); the download may be cut short");
        }
    }

    // Checks the magic and returns the dimension sizes.
    private static int[] Header(string path, byte[] data, int dimensions, string what)
    {
        int headerBytes = 4 + (4 * dimensions);
        if (data.Length < 4 || data[0] != 0 || data[1] != 0)
        {
            throw new DataFormatException(path, 0, "magic", $"not an IDX file (the first two bytes must be 0); expected {what}");
        }

        if (data[2] != UnsignedByte)
        {
            throw new DataFormatException(path, 0, "magic", string.Create(CultureInfo.InvariantCulture, $"element type 0x{data[2]:X2}; only unsigned bytes (0x08) are supported, as in MNIST, Fashion-MNIST and KMNIST"));
        }

        if (data[3] != dimensions)
        {
            throw new DataFormatException(path, 0, "magic", string.Create(CultureInfo.InvariantCulture, $"{data[3]} dimensions (magic 0x{BinaryPrimitives.ReadInt32BigEndian(data):X8}); expected {what}, magic 0x{0x800 + dimensions:X8}"));
        }

        if (data.Length < headerBytes)
        {
            throw new DataFormatException(path, 0, "header", string.Create(CultureInfo.InvariantCulture, $"file is {data.Length} bytes, shorter than its {headerBytes}-byte header"));
        }

        var dims = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + (4 * d)));
            if (dims[d] <= 0)
            {
                string name = d == 0 ? "count" : d == 1 ? "rows" : "cols";
                throw new DataFormatException(path, 0, name, string.Create(CultureInfo.InvariantCulture, $"header gives {name} = {dims[d]}; it must be positive"));
            }
        }

        return dims;
    }

    private static void CheckLength(string path, byte[] data, int headerBytes, long expected, string what)
    {
        long actual = data.LongLength - headerBytes;
        if (actual != expected)
        {
            string how = actual < expected ? "truncated" : "has trailing bytes";
            throw new DataFormatException(path, 0, "length", string.Create(CultureInfo.InvariantCulture, $"file {how}: the header promises {what} ({expected} data bytes) but {actual} follow the header"));
        }
    }
}
