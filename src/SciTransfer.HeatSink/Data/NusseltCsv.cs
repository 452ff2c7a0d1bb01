using System.Globalization;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// Reads and writes users' CFD tables: plain comma-separated text with a header naming the columns
/// fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu (any order; extra columns ignored; no quoted fields).
/// fluid is "water" or "sodium"; lengths in metres; every number finite and positive; aspect_ratio in (0, 1].
/// Errors are <see cref="DataFormatException"/> naming the file, the row (header = 1) and the column.
/// </summary>
public static class NusseltCsv
{
    /// <summary>The required columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["fluid", "pe", "dh_m", "aspect_ratio", "length_m", "width_m", "l_over_d", "nu"];

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static List<NusseltSample> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "(file)", "file not found");
        }

        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads <paramref name="path"/> keeping each sample's row number.</summary>
    public static List<NusseltRow> ReadRows(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "(file)", "file not found");
        }

        using var reader = new StreamReader(path);
        return ReadRows(reader, path);
    }

    /// <summary>Reads CSV text; <paramref name="file"/> names it in errors.</summary>
    public static List<NusseltSample> Read(TextReader reader, string file) => [.. ReadRows(reader, file).Select(r => r.Sample)];

    /// <summary>Reads CSV text keeping each sample's row number (header = 1), for row ids and messages.</summary>
    public static List<NusseltRow> ReadRows(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new DataFormatException(file, 1, "(header)", "the file is empty");
        }

        var names = header.Split(',').Select(h => h.Trim()).ToList();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DataFormatException(file, 1, twice.Key, "column appears twice in the header");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string c in Columns)
        {
            int i = names.IndexOf(c);
            if (i < 0)
            {
                throw new DataFormatException(file, 1, c, $"missing column (required: {string.Join(",", Columns)})");
            }

            index[c] = i;
        }

        var rows = new List<NusseltRow>();
        long row = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            row++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != names.Count)
            {
                throw new DataFormatException(file, row, cells.Length < names.Count ? names[cells.Length] : "(extra field)", $"row has {cells.Length} fields, the header has {names.Count}");
            }

            string fluid = cells[index["fluid"]].Trim();
            if (fluid is not ("water" or "sodium"))
            {
                throw new DataFormatException(file, row, "fluid", $"'{fluid}' is not water or sodium");
            }

            double Num(string column)
            {
                string text = cells[index[column]].Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new DataFormatException(file, row, column, $"'{text}' is not a number");
                }

                if (!(v > 0))
                {
                    throw new DataFormatException(file, row, column, $"must be positive, found {text}");
                }

                return v;
            }

            double a = Num("aspect_ratio");
            if (a > 1)
            {
                throw new DataFormatException(file, row, "aspect_ratio", $"must be at most 1 (short/long side), found {a.ToString(CultureInfo.InvariantCulture)}");
            }

            rows.Add(new NusseltRow(row, new NusseltSample(fluid, Num("pe"), Num("dh_m"), a, Num("length_m"), Num("width_m"), Num("l_over_d"), Num("nu"))));
        }

        return rows;
    }

    /// <summary>Writes samples in the documented format.</summary>
    public static void Write(TextWriter writer, IEnumerable<NusseltSample> samples)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(samples);
        writer.WriteLine(string.Join(",", Columns));
        foreach (var s in samples)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Fluid},{s.Peclet:G6},{s.HydraulicDiameter:G6},{s.AspectRatio:G6},{s.Length:G6},{s.Width:G6},{s.LengthOverDiameter:G6},{s.Nu:G6}"));
        }
    }
}
