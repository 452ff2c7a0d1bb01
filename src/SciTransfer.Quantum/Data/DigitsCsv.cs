using System.Globalization;
using System.IO.Compression;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Data;

/// <summary>
/// UCI optical digits 8x8 (Alpaydin and Kaynak, CC BY 4.0): a gzip CSV without header, 64 pixel
/// intensities 0..16 then the label 0..9 per row. Intensities are scaled to [0, 1].
/// </summary>
public static class DigitsCsv
{
    private static readonly Dictionary<string, ImageSet> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    /// <summary>Default location relative to the repository root.</summary>
    public const string DefaultRelativePath = "datasets/digits/digits.csv.gz";

    /// <summary>Loads (and caches per path) the file; bad rows throw <see cref="DataFormatException"/>.</summary>
    public static ImageSet Load(string path)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(path, out var cached))
            {
                return cached;
            }
        }

        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        int row = 0;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != 65)
            {
                throw new DataFormatException(path, row, "(row)", $"expected 65 columns (64 pixels and a label), found {cells.Length}");
            }

            for (int c = 0; c < 65; c++)
            {
                if (!int.TryParse(cells[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 0 || v > (c < 64 ? 16 : 9))
                {
                    string column = c < 64 ? $"pixel{c}" : "label";
                    throw new DataFormatException(path, row, column, $"expected an integer in 0..{(c < 64 ? 16 : 9)}, found '{cells[c]}'");
                }

                if (c < 64)
                {
                    pixels.Add((byte)v);
                }
                else
                {
                    labels.Add((byte)v);
                }
            }
        }

        var set = new ImageSet(8, 8, [.. pixels], 1f / 16, [.. labels]);
        lock (CacheLock)
        {
            Cache[path] = set;
        }

        return set;
    }
}
