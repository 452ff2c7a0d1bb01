using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

/// <summary>Plain chart records of known shape for the chart tests (no study involved).</summary>
internal static class ChartSamples
{
    public static readonly int[] PowerSizes = [0, 4, 8, 16, 32, 64];

    /// <summary>rmse-like curves: scratch 0.5 + 4/sqrt(n) (no n = 0), fine-tune 0.6 + 1/sqrt(n + 1), source-only 1.4, oracle 0.4; bands ±0.1.</summary>
    public static CurveChartSpec Curves(StrategyPalette palette)
    {
        static double Value(string s, int n) => s switch
        {
            "scratch" => n == 0 ? double.NaN : 0.5 + (4 / Math.Sqrt(n)),
            "fine-tune" => 0.6 + (1 / Math.Sqrt(n + 1)),
            "source-only" => 1.4,
            _ => 0.4,
        };

        string[] strategies = ["scratch", "source-only", "fine-tune", "oracle"];
        var series = strategies.Select(s => new CurveSeries(s, s, null, palette[s],
            PowerSizes.Where(n => double.IsFinite(Value(s, n))).Select(n => new CurvePoint(n, Value(s, n), Value(s, n) - 0.1, Value(s, n) + 0.1)).ToList())).ToList();
        return new CurveChartSpec("reference/linear-shift: rmse", "mean over repeats, band = 95 % CI", "target samples (log scale)", "rmse (K), lower is better", series);
    }

    /// <summary>A 24 x 12 temperature field with a blank (NaN) corner.</summary>
    public static HeatMapGrid HeatMap()
    {
        const int nx = 24;
        const int ny = 12;
        double[] field = new double[nx * ny];
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                field[(j * nx) + i] = i > 18 && j > 8 ? double.NaN : 300 + (2 * i) + j;
            }
        }

        return new HeatMapGrid("heat-sink_temperature", "Temperature field", nx, ny, field, 0, 0.2, 0, 0.1, "x (m)", "y (m)", "temperature (K)");
    }

    /// <summary>Observations (markers) and two strategy lines over 48 hours.</summary>
    public static TimeSeriesChartSpec TimeSeries()
    {
        double[] t = Enumerable.Range(0, 48).Select(i => (double)i).ToArray();
        double[] obs = t.Select(x => 10 + (3 * Math.Sin(x / 5))).ToArray();
        return new TimeSeriesChartSpec("reference_linear-shift_timeseries", "Moisture over time", "time (h)", "moisture (%)",
        [
            new TimeSeriesLine("observed", t, obs, Markers: true),
            new TimeSeriesLine("fine-tune", t, obs.Select(v => v + 0.3).ToArray(), Strategy: "fine-tune"),
            new TimeSeriesLine("scratch", t, obs.Select(v => v + 1).ToArray(), Strategy: "scratch"),
        ]);
    }
}
