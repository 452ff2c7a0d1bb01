using System.Globalization;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// Reads temperature-sensor files (target data of the PINN problems, and reference fields for scoring) through the
/// shared strict CSV reader. Two layouts, told apart by the header, which states the units:
/// <c>x_m,y_m,temperature_K</c> (metres and kelvin; converted with a <see cref="SensorScale"/>) or
/// <c>x,y,theta</c> (units of the reference length l and theta = (T - T_f) k_s / (q'' l)). Positions are in the
/// symmetry cell's frame: x from the fin's mid-plane, y up from the heated base; each must lie in the solid.
/// Errors are <see cref="DataFormatException"/> naming the file, the line (header = 1) and the column.
/// </summary>
public static class SensorCsv
{
    /// <summary>Columns of the SI layout.</summary>
    public static IReadOnlyList<string> KelvinColumns { get; } = ["x_m", "y_m", "temperature_K"];

    /// <summary>Columns of the non-dimensional layout.</summary>
    public static IReadOnlyList<string> ThetaColumns { get; } = ["x", "y", "theta"];

    /// <summary>Reads <paramref name="path"/>; every position must lie in the solid of <paramref name="geometry"/>.</summary>
    public static SensorTable Read(string path, HeatSinkGeometry geometry, SensorScale scale)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var csv = CsvTableReader.Open(path, [], [.. KelvinColumns, .. ThetaColumns]);
        return ReadAll(csv, geometry, scale);
    }

    /// <summary>Reads CSV text; <paramref name="file"/> names it in errors.</summary>
    public static SensorTable Parse(string file, string text, HeatSinkGeometry geometry, SensorScale scale)
    {
        using var csv = CsvTableReader.Parse(file, text, [], [.. KelvinColumns, .. ThetaColumns]);
        return ReadAll(csv, geometry, scale);
    }

    private static SensorTable ReadAll(CsvTableReader csv, HeatSinkGeometry geometry, SensorScale scale)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(scale);
        bool kelvin = Layout(csv);
        if (kelvin && (scale.FluidTemperature is null || scale.HeatFlux is null))
        {
            throw new DataFormatException(csv.File, 1, "temperature_K", "a file in kelvin needs the problem options fluid_temperature_k (T_f, K) and heat_flux_w_m2 (q'' at the base) to convert to theta = (T - T_f) k_s / (q'' l); or give x,y,theta");
        }

        string cx = kelvin ? "x_m" : "x";
        string cy = kelvin ? "y_m" : "y";
        string ct = kelvin ? "temperature_K" : "theta";
        double toL = kelvin ? 1 / scale.ReferenceLength : 1;
        var points = new List<double>();
        var theta = new List<double>();
        var rows = new List<long>();
        while (csv.Next())
        {
            double x = csv.Number(cx, double.MinValue, double.MaxValue) * toL;
            double y = csv.Number(cy, double.MinValue, double.MaxValue) * toL;
            double t = csv.Number(ct, double.MinValue, double.MaxValue);
            if (!geometry.Contains(x, y))
            {
                throw csv.Error(cx, string.Create(CultureInfo.InvariantCulture, $"position ({x:G6}, {y:G6}) l is outside the solid of the sodium cell (base [0, {geometry.HalfPitch:G6}] x [0, {geometry.BaseThickness:G6}], fin [0, {geometry.FinHalfThickness:G6}] x [{geometry.BaseThickness:G6}, {geometry.Height:G6}], l = {scale.ReferenceLength * 1e3:G6} mm; x from the fin mid-plane, y up from the heated base)"));
            }

            if (kelvin)
            {
                if (!(t > 0))
                {
                    throw csv.Error(ct, string.Create(CultureInfo.InvariantCulture, $"{t} is not an absolute temperature in kelvin"));
                }

                t = (t - scale.FluidTemperature!.Value) / scale.KelvinPerTheta;
            }

            points.Add(x);
            points.Add(y);
            theta.Add(t);
            rows.Add(csv.Row);
        }

        if (theta.Count == 0)
        {
            throw new DataFormatException(csv.File, 1, "(rows)", "no observations after the header");
        }

        return new SensorTable(csv.File, [.. points], [.. theta], [.. rows], kelvin);
    }

    // Which layout the header states; a mix of the two is an error that lists both.
    private static bool Layout(CsvTableReader csv)
    {
        bool kelvin = KelvinColumns.Any(csv.Has);
        bool theta = ThetaColumns.Any(csv.Has);
        var need = kelvin && !theta ? KelvinColumns : !kelvin && theta ? ThetaColumns : null;
        if (need is null)
        {
            throw new DataFormatException(csv.File, 1, "(header)", "expected either x_m,y_m,temperature_K (metres, kelvin) or x,y,theta (units of l, non-dimensional), not a mix");
        }

        foreach (string c in need)
        {
            if (!csv.Has(c))
            {
                throw new DataFormatException(csv.File, 1, c, $"missing required column (layout {string.Join(",", need)})");
            }
        }

        return kelvin;
    }
}
