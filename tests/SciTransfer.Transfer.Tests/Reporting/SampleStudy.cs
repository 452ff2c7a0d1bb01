using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Reporting;

/// <summary>Synthetic study inputs with curves of known shape (so the expected winners are known by construction).</summary>
internal static class SampleStudy
{
    public static readonly MetricInfo Rmse = new("rmse", "K", LowerIsBetter: true, "root-mean-square error");
    public static readonly MetricInfo R2 = new("r2", "", LowerIsBetter: false, "coefficient of determination");

    public static readonly int[] PowerSizes = [0, 4, 8, 16, 32, 64];

    /// <summary>
    /// rmse per strategy: scratch 0.5 + 4/sqrt(n) (no n = 0 row), fine-tune 0.6 + 1/sqrt(n + 1),
    /// source-only 1.4 (flat), oracle 0.4 (flat), overfit 3 below n = 32 and 0.3 + 0.003 n above.
    /// Winners change with n (fine-tune small n, overfit at 100, scratch at 1000), see <see cref="ExpectedBestRmse"/>.
    /// </summary>
    public static double RmseOf(string strategy, int n) => strategy switch
    {
        "scratch" => n == 0 ? double.NaN : 0.5 + (4 / Math.Sqrt(n)),
        "fine-tune" => 0.6 + (1 / Math.Sqrt(n + 1)),
        "source-only" => 1.4,
        "oracle" => 0.4,
        "overfit" => n < 32 ? 3.0 : 0.3 + (0.003 * n),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    /// <summary>Best non-oracle strategy by the formulas above, computed independently of the report code.</summary>
    public static string ExpectedBestRmse(int n, IEnumerable<string> strategies)
    {
        string best = "";
        double bestValue = double.PositiveInfinity;
        foreach (string s in strategies)
        {
            double v = RmseOf(s, n);
            if (s != "oracle" && v < bestValue)
            {
                bestValue = v;
                best = s;
            }
        }

        return best;
    }

    public static ProblemManifest Manifest(string id, string[] strategies, int[] sizes, string? group = null, string axis = "target samples") =>
        new(id, "reference/linear-shift", "linear-Gaussian regression with shifted weights", axis, [Rmse, R2], strategies, sizes, group);

    /// <summary>Summary rows for <paramref name="manifest"/>: rmse from <see cref="RmseOf"/>, r2 = 1 - rmse^2 / 4.</summary>
    public static List<SummaryRow> Rows(ProblemManifest manifest)
    {
        var rows = new List<SummaryRow>();
        foreach (string s in manifest.Strategies)
        {
            int nMax = manifest.Sizes.Max();
            foreach (int n in manifest.Sizes)
            {
                double rmse = RmseOf(s, n);
                if (double.IsNaN(rmse))
                {
                    continue;
                }

                double scratch = RmseOf("scratch", n);
                bool negative = double.IsFinite(scratch) && rmse > scratch + 0.1;
                double efficiency = s is "scratch" or "oracle" || n == 0 ? double.NaN : 2.5;
                string bound = double.IsNaN(efficiency) ? "" : n == 4 ? "lower" : "exact";
                rows.Add(new SummaryRow(manifest.Id, s, n, "rmse", 3, rmse, 0.05, rmse - 0.1, rmse + 0.1,
                    RmseOf(s, nMax) / rmse, rmse - RmseOf(s, nMax), efficiency, bound, negative));
                double r2 = 1 - (rmse * rmse / 4);
                rows.Add(new SummaryRow(manifest.Id, s, n, "r2", 3, r2, 0.02, r2 - 0.03, r2 + 0.03,
                    r2 / (1 - (RmseOf(s, nMax) * RmseOf(s, nMax) / 4)), 0, double.NaN, "", false));
            }
        }

        return rows.OrderBy(r => r.Problem, StringComparer.Ordinal).ThenBy(r => r.Strategy, StringComparer.Ordinal)
                   .ThenBy(r => r.NTarget).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();
    }

    public static StudyReportInput Input(IReadOnlyList<FigureData>? figures = null)
    {
        ProblemManifest a = Manifest("reference/linear-shift", ["scratch", "source-only", "fine-tune", "oracle"], PowerSizes, "shift");
        ProblemManifest b = Manifest("reference/large shift", ["scratch", "source-only", "fine-tune", "overfit"], [10, 30, 100, 300, 1000], "shift");
        var rows = Rows(a).Concat(Rows(b)).ToList();
        var facts = new List<KeyValuePair<string, string>>
        {
            new("seed", "20261121"),
            new("version", "abc1234"),
            new("threads", "2"),
        };
        return new StudyReportInput("sample", "A synthetic study | with a pipe", [a, b], rows, figures ?? SampleFigures(), facts, []);
    }

    /// <summary>
    /// Writes results.csv (and run.json with the repeats) for <see cref="Input"/> into <paramref name="dir"/>: rmse per
    /// repeat = formula + a repeat offset in {-0.05, 0, +0.05} shared by every strategy (paired), r2 alike.
    /// </summary>
    /// <returns>The rows written.</returns>
    public static List<ResultRow> WriteResults(string dir, StudyReportInput input, int repeats = 3, Func<ResultRow, bool>? keep = null)
    {
        var kept = new List<ResultRow>();
        Directory.CreateDirectory(dir);
        var sb = new System.Text.StringBuilder(ResultsFile.Header).Append('\n');
        foreach (var p in input.Problems)
        {
            foreach (string s in p.Strategies)
            {
                foreach (int n in p.Sizes)
                {
                    double rmse = RmseOf(s, n);
                    if (double.IsNaN(rmse))
                    {
                        continue;
                    }

                    for (int r = 0; r < repeats; r++)
                    {
                        double v = rmse + (0.05 * ((r % 3) - 1)) + (0.001 * r);
                        foreach (var row in new[] { new ResultRow("sample", p.Id, s, n, r, 1, "rmse", v, 0.1), new ResultRow("sample", p.Id, s, n, r, 1, "r2", 1 - (v * v / 4), 0.1) })
                        {
                            if (keep is null || keep(row))
                            {
                                sb.Append(ResultsFile.Format(row));
                                kept.Add(row);
                            }
                        }
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "results.csv"), sb.ToString());
        File.WriteAllText(Path.Combine(dir, "run.json"), "{\"config\": {\"repeats\": " + repeats + "}}");
        return kept;
    }

    public static IReadOnlyList<FigureData> SampleFigures()
    {
        double[] t = Enumerable.Range(0, 48).Select(i => (double)i).ToArray();
        double[] obs = t.Select(x => 10 + (3 * Math.Sin(x / 5))).ToArray();
        var partScratch = new TimeSeriesFigure("reference_linear-shift_timeseries", "Moisture over time", "time (h)", "moisture (%)",
            [new FigureSeries("observed", t, obs, Markers: true), new FigureSeries("scratch", t, obs.Select(v => v + 1).ToArray(), Strategy: "scratch", Candidate: true)],
            BestOfMetric: "rmse", AtN: 16);
        var partFine = new TimeSeriesFigure("reference_linear-shift_timeseries", "Moisture over time", "time (h)", "moisture (%)",
            [new FigureSeries("observed", t, obs, Markers: true), new FigureSeries("fine-tune", t, obs.Select(v => v + 0.3).ToArray(), Strategy: "fine-tune", Candidate: true)],
            BestOfMetric: "rmse", AtN: 16);
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

        var heat = new HeatMapFigure("heat-sink_temperature", "Temperature field", nx, ny, field, 0, 0.2, 0, 0.1, "x (m)", "y (m)", "temperature (K)");
        return [partScratch, heat, partFine];
    }
}
