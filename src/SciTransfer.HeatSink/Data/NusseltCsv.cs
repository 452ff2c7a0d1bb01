using System.Globalization;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// Reads and writes users' CFD tables through the shared strict CSV reader (<see cref="CsvTableReader"/>: RFC 4180
/// quoting, BOM and CRLF accepted, unknown or duplicated columns rejected). Header (any order):
/// fluid,pe,dh_U,aspect_ratio,length_U,width_U,nu with U the length unit (m or mm, the problem's <c>length_unit</c>
/// option), optionally l_over_d (computed as length / dh when absent) and geometry (a channel name that groups rows
/// for the split; default: a key built from the geometry columns). fluid is "water" or "sodium"; every number finite
/// and positive; aspect_ratio in (0, 1]. Lengths are returned in metres. Errors are <see cref="DataFormatException"/>
/// naming the file, the line (header = 1) and the column.
/// </summary>
public static class NusseltCsv
{
    /// <summary>The columns <see cref="Write"/> writes (lengths in metres).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["fluid", "pe", "dh_m", "aspect_ratio", "length_m", "width_m", "l_over_d", "nu"];

    /// <summary>Length units a table may use (the <c>length_unit</c> option).</summary>
    public static IReadOnlyList<string> LengthUnits { get; } = ["m", "mm"];

    /// <summary>Required columns for a length unit ("m" or "mm").</summary>
    public static string[] Required(string lengthUnit) =>
        ["fluid", "pe", $"dh_{lengthUnit}", "aspect_ratio", $"length_{lengthUnit}", $"width_{lengthUnit}", "nu"];

    /// <summary>Optional columns: l_over_d (computed when absent), geometry (group key of the channel).</summary>
    public static IReadOnlyList<string> Optional { get; } = ["l_over_d", "geometry"];

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static List<NusseltSample> Read(string path, string lengthUnit = "m") => [.. ReadRows(path, lengthUnit).Select(r => r.Sample)];

    /// <summary>Reads <paramref name="path"/> keeping each sample's line and group key.</summary>
    public static List<NusseltRow> ReadRows(string path, string lengthUnit = "m")
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckUnit(lengthUnit);
        using var csv = OpenChecked(path, lengthUnit, () => CsvTableReader.Open(path, Required(lengthUnit), Optional));
        return ReadAll(csv, lengthUnit);
    }

    /// <summary>Reads CSV text; <paramref name="file"/> names it in errors.</summary>
    public static List<NusseltSample> Read(TextReader reader, string file, string lengthUnit = "m") => [.. ReadRows(reader, file, lengthUnit).Select(r => r.Sample)];

    /// <summary>Reads CSV text keeping each sample's line (header = 1) and group key.</summary>
    public static List<NusseltRow> ReadRows(TextReader reader, string file, string lengthUnit = "m")
    {
        ArgumentNullException.ThrowIfNull(reader);
        CheckUnit(lengthUnit);
        string text = reader.ReadToEnd();
        using var csv = OpenChecked(file, lengthUnit, () => CsvTableReader.Parse(file, text, Required(lengthUnit), Optional));
        return ReadAll(csv, lengthUnit);
    }

    /// <summary>Writes samples in the documented format (metres, l_over_d included).</summary>
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

    private static void CheckUnit(string lengthUnit)
    {
        if (!LengthUnits.Contains(lengthUnit))
        {
            throw new ArgumentException($"NusseltCsv: length unit must be m or mm, found '{lengthUnit}'", nameof(lengthUnit));
        }
    }

    // A header in the other unit is the usual mistake with real CFD exports: say which option fixes it.
    private static CsvTableReader OpenChecked(string file, string unit, Func<CsvTableReader> open)
    {
        try
        {
            return open();
        }
        catch (DataFormatException e) when (e.Row == 1 && OtherUnit(e.Column, unit) is { } other)
        {
            throw new DataFormatException(file, 1, e.Column, $"this column is in {other} but length_unit is {unit}; set the problem option \"length_unit\": \"{other}\" (every length column must use the same unit)");
        }
    }

    private static string? OtherUnit(string column, string unit)
    {
        foreach (string u in LengthUnits)
        {
            if (u != unit && column is var c && (c == $"dh_{u}" || c == $"length_{u}" || c == $"width_{u}"))
            {
                return u;
            }
        }

        return null;
    }

    private static List<NusseltRow> ReadAll(CsvTableReader csv, string unit)
    {
        double scale = unit == "mm" ? 1e-3 : 1;
        var rows = new List<NusseltRow>();
        while (csv.Next())
        {
            string fluid = csv.Text("fluid");
            if (fluid is not ("water" or "sodium"))
            {
                throw csv.Error("fluid", $"'{fluid}' is not water or sodium");
            }

            double pe = Positive(csv, "pe");
            double dh = Positive(csv, $"dh_{unit}") * scale;
            double a = Positive(csv, "aspect_ratio");
            if (a > 1)
            {
                throw csv.Error("aspect_ratio", string.Create(CultureInfo.InvariantCulture, $"must be at most 1 (short/long side), found {a}"));
            }

            double length = Positive(csv, $"length_{unit}") * scale;
            double width = Positive(csv, $"width_{unit}") * scale;
            double lOverD = csv.OptionalText("l_over_d") is null ? length / dh : Positive(csv, "l_over_d");
            double nu = Positive(csv, "nu");
            var sample = new NusseltSample(fluid, pe, dh, a, length, width, lOverD, nu);
            rows.Add(new NusseltRow(csv.Row, sample, csv.OptionalText("geometry") ?? sample.GeometryKey));
        }

        return rows;
    }

    private static double Positive(CsvTableReader csv, string column)
    {
        double v = csv.Number(column, double.MinValue, double.MaxValue);
        return v > 0 ? v : throw csv.Error(column, string.Create(CultureInfo.InvariantCulture, $"must be positive, found {v}"));
    }
}
