using System.Globalization;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Quantum.Data;

/// <summary>How the non-label columns of an image CSV are read.</summary>
public enum CsvLayout
{
    /// <summary>One column per pixel, row-major; values >= 0, scaled by the file's largest value to [0, 1].</summary>
    Pixels,

    /// <summary>One column per feature (any real numbers), used as they are; no resizing.</summary>
    Features,
}

/// <summary>
/// Labelled images or feature vectors from a CSV (plain or .gz) read by the shared <see cref="CsvTableReader"/>: a
/// header line, one integer label column named by the caller (any position), every other column a pixel or a feature
/// in header order. Quoted fields, a UTF-8 byte-order mark and CRLF are accepted. Errors name the file, the physical
/// line and the column.
/// </summary>
public static class CsvImages
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file (".gz" is gunzipped).</param>
    /// <param name="labelColumn">Header name of the label column.</param>
    /// <param name="layout">Pixels or features.</param>
    /// <param name="imageWidth">Pixels layout: image width; 0 = square images (the pixel count must be a square).</param>
    /// <exception cref="DataFormatException">Missing file, bad header, bad field, or a pixel count that is not an image.</exception>
    public static ImageTable Load(string path, string labelColumn, CsvLayout layout, int imageWidth = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(path, ReadText(path), labelColumn, layout, imageWidth);
    }

    /// <summary>Parses CSV text already in memory; <paramref name="file"/> names it in messages.</summary>
    public static ImageTable Parse(string file, string content, string labelColumn, CsvLayout layout, int imageWidth = 0)
    {
        using var csv = CsvTableReader.ParseWithAnyColumns(file, content, [labelColumn]);
        string[] valueColumns = [.. csv.Columns.Where(c => c != labelColumn)];
        if (valueColumns.Length == 0)
        {
            throw new DataFormatException(file, 1, "(header)", $"no {(layout == CsvLayout.Pixels ? "pixel" : "feature")} columns besides the label column '{labelColumn}'");
        }

        var (height, width) = layout == CsvLayout.Features ? (1, valueColumns.Length) : Shape(file, valueColumns.Length, imageWidth);
        var values = new List<float>();
        var labels = new List<int>();
        var rows = new List<int>();
        double max = 0;
        while (csv.Next())
        {
            labels.Add(csv.Integer(labelColumn, 0, int.MaxValue));
            rows.Add(csv.Row);
            foreach (string c in valueColumns)
            {
                double v = layout == CsvLayout.Pixels
                    ? csv.Number(c, 0, double.MaxValue, "(pixels must be intensities >= 0; use \"csv_layout\": \"features\" for other values)")
                    : csv.Number(c, double.MinValue, double.MaxValue);
                max = Math.Max(max, v);
                values.Add((float)v);
            }
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(file, 0, "(rows)", "no data rows after the header");
        }

        float[] data = [.. values];
        if (layout == CsvLayout.Pixels)
        {
            if (!(max > 0))
            {
                throw new DataFormatException(file, 0, "(pixels)", "every pixel is 0; images need some intensity");
            }

            // Intensities 0..16 (UCI digits) and 0..255 (MNIST CSVs) both map to [0, 1].
            float inv = (float)(1.0 / max);
            for (int i = 0; i < data.Length; i++)
            {
                data[i] *= inv;
            }
        }

        return new ImageTable(file, height, width, data, [.. labels], layout == CsvLayout.Pixels, [.. rows]);
    }

    private static (int Height, int Width) Shape(string file, int pixels, int imageWidth)
    {
        if (imageWidth > 0)
        {
            return pixels % imageWidth == 0
                ? (pixels / imageWidth, imageWidth)
                : throw new DataFormatException(file, 1, "(header)", string.Create(CultureInfo.InvariantCulture, $"{pixels} pixel columns are not a whole number of rows of image_width = {imageWidth}"));
        }

        int side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels
            ? (side, side)
            : throw new DataFormatException(file, 1, "(header)", string.Create(CultureInfo.InvariantCulture, $"{pixels} pixel columns are not a square image; set the option \"image_width\""));
    }

    // Plain or gzip (by its magic bytes), with the gzip trailer checked so a cut-short download is an error.
    internal static string ReadText(string path)
    {
        using var reader = new StreamReader(new MemoryStream(IdxFile.ReadAll(path)), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
