using System.Globalization;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Quantum.Data;

/// <summary>
/// UCI optical digits 8x8 (Alpaydin and Kaynak, CC BY 4.0) as a CSV (plain or gzip) with the header
/// <c>label,p0,...,p63</c>: the label 0..9, then 64 pixel intensities 0..16 in row-major order. Read by the shared
/// <see cref="CsvTableReader"/> (quotes, BOM, CRLF accepted; extra or missing columns are errors). Intensities are
/// scaled to [0, 1].
/// </summary>
public static class DigitsCsv
{
    private static readonly Dictionary<string, ImageSet> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    /// <summary>Default location relative to the repository root.</summary>
    public const string DefaultRelativePath = "datasets/digits/digits-8x8.csv.gz";

    /// <summary>The required header: <c>label</c> then <c>p0</c>..<c>p63</c>.</summary>
    public static readonly string[] Columns = ["label", .. Enumerable.Range(0, 64).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i}"))];

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

        var set = Parse(path, CsvImages.ReadText(path));
        lock (CacheLock)
        {
            Cache[path] = set;
        }

        return set;
    }

    /// <summary>Parses CSV text already in memory; <paramref name="file"/> names it in messages.</summary>
    public static ImageSet Parse(string file, string content)
    {
        using var csv = CsvTableReader.Parse(file, content, Columns);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        while (csv.Next())
        {
            labels.Add((byte)csv.Integer("label", 0, 9));
            for (int c = 1; c < Columns.Length; c++)
            {
                pixels.Add((byte)csv.Integer(Columns[c], 0, 16));
            }
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(file, 0, "(rows)", "no data rows after the header");
        }

        return new ImageSet(8, 8, [.. pixels], 1f / 16, [.. labels]);
    }
}
