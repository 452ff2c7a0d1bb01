using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SciTransfer.Plotting;
using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Rendering;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// Writes the figures and the report of a study into its output folder: <c>&lt;problem&gt;__&lt;metric&gt;.png/.svg</c>
/// per (problem, metric), <c>retention__&lt;group&gt;.png/.svg</c> per comparison group,
/// <c>figures/&lt;figure id&gt;.png/.svg</c> per merged figure, <c>report.md</c> and <c>report.html</c> (figures embedded).
/// The report opens with one answer sentence per problem. Per-repeat statistics come from the input's results rows.
/// </summary>
public static class StudyReport
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file and returns their full paths in writing order (report.md, then report.html, last).</summary>
    /// <param name="outputDirectory">The output folder .</param>
    /// <param name="input">What <c>OutputFolder.Rebuild</c> returns.</param>
    /// <param name="baselines">The simple baselines per problem id (null or a missing id: <see cref="KnownStrategies.DefaultBaselines"/>).</param>
    /// <param name="options">Which strategies the plots show and which get bands (null: <see cref="PlotOptions.Default"/>).</param>
    public static IReadOnlyList<string> Write(string outputDirectory, StudyReportInput input, IReadOnlyDictionary<string, IReadOnlyList<string>>? baselines = null, PlotOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(outputDirectory);
        var results = input.Results;
        var written = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "REPORT.MD", "REPORT.HTML" };
        var palette = new StrategyPalette(AllStrategies(input));
        var md = new StringBuilder();
        IReadOnlyList<string> Baselines(string id) =>
            baselines is not null && baselines.TryGetValue(id, out var b) ? b
            : input.Problems.FirstOrDefault(p => p.Id == id)?.Baselines is { Count: > 0 } declared ? declared
            : KnownStrategies.DefaultBaselines;

        var analyses = input.Problems.ToDictionary(
            p => p.Id,
            p => p.Metrics.Where(m => !m.IsTiming && !m.IsDiagnostic).Select(m => new ProblemAnalysis(p, m, results, Baselines(p.Id))).ToList(),
            StringComparer.Ordinal);

        var labelFree = LabelFreeSelection.Build(input.Problems, input.Summary).Stats;

        md.Append("# Study: ").Append(MdText.Escape(input.StudyName)).Append("\n\n");
        if (input.Description.Length > 0)
        {
            md.Append(MdText.Escape(input.Description)).Append("\n\n");
        }

        md.Append("## Answers\n\n");
        foreach (ProblemManifest p in input.Problems)
        {
            ProblemAnalysis? primary = analyses[p.Id].FirstOrDefault();
            string answer = primary is null ? "no metric to compare." : primary.Answer();
            md.Append("- **").Append(MdText.Escape(p.Id)).Append("**");
            if (primary is not null)
            {
                md.Append(" (").Append(MdText.Escape(primary.Metric.Name)).Append(')');
            }

            md.Append(": ").Append(MdText.Escape(answer)).Append('\n');
        }

        WriteCompleteness(md, input, results, outputDirectory);
        WriteHeader(md, input);

        foreach (ProblemManifest problem in input.Problems)
        {
            md.Append("\n## ").Append(MdText.Escape(problem.Id)).Append("\n\n");
            if (problem.Description.Length > 0)
            {
                md.Append(MdText.Escape(problem.Description)).Append("\n\n");
            }

            md.Append("Problem ").Append(MdText.Escape(problem.Name)).Append("; x axis: ").Append(MdText.Escape(problem.ScarcityAxis)).Append(".\n");
            if (problem.Parameters is { } parameters)
            {
                md.Append("\nModel parameters: ").Append(parameters.ToString(CultureInfo.InvariantCulture)).Append(".\n");
            }
            if (problem.Warnings is { Count: > 0 } warnings)
            {
                md.Append("\nData warnings (also in run.json):\n\n");
                foreach (string w in warnings)
                {
                    md.Append("- ").Append(MdText.Escape(w)).Append('\n');
                }
            }

            foreach (ProblemAnalysis analysis in analyses[problem.Id])
            {
                MetricInfo metric = analysis.Metric;
                string file = SafeFileName.Unique($"{SafeFileName.From(problem.Id)}__{SafeFileName.From(metric.Name)}", taken);
                ChartImage chart = ScarcityPlot.Render(problem, metric, input.Summary, palette, options);
                written.AddRange(Save(outputDirectory, file, chart));
                md.Append("\n### ").Append(MdText.Escape(ScarcityPlot.YTitle(metric))).Append("\n\n");
                if (metric.Description.Length > 0)
                {
                    md.Append(MdText.Escape(metric.Description)).Append("\n\n");
                }

                md.Append("![").Append(MdText.Escape($"{problem.Id}: {metric.Name}")).Append("](").Append(MdText.Target(file + ".png")).Append(")\n\n");
                md.Append(ComparisonTable.ToMarkdown(analysis));
            }

            md.Append(LabelFreeTable.ToMarkdown([.. labelFree.Where(r => r.Problem == problem.Id)]));

            var diagnostic = problem.Metrics.Where(m => m.IsDiagnostic).Select(m => MdText.Escape(m.Name)).ToList();
            if (diagnostic.Count > 0)
            {
                // Diagnostics explain fits (a fitted shift, a selector's choice); ranking strategies by them means nothing.
                md.Append("\nDiagnostic metrics ").Append(string.Join(", ", diagnostic)).Append(" are per cell in results.csv and averaged in summary.csv (no curve, not ranked).\n");
            }

            var timing = problem.Metrics.Where(m => m.IsTiming).Select(m => MdText.Escape(m.Name)).ToList();
            if (timing.Count > 0)
            {
                // Wall-clock metrics vary run to run, so they are summarised in timings.csv, not summary.csv.
                md.Append("\nTiming metrics ").Append(string.Join(", ", timing)).Append(" are summarised in timings.csv (with each cell's fit\\_seconds).\n");
            }
        }

        WriteRetention(outputDirectory, input, palette, taken, written, md);
        PairedDifferenceText.Append(md, input.Problems, PairedDifferences.Compute(input.Problems, results));
        WriteFigures(outputDirectory, input, palette, written, md);

        md.Append("\n## Notes\n\n")
          .Append("- Curves: mean over repeats; bands: Student-t 95 % confidence interval from summary.csv, drawn for scratch and the best few strategies. n = 0 sits left of the axis break.\n")
          .Append("- Tables and answers: intervals are 95 % percentile bootstraps over repeats, so they stay inside the metric's range; with fewer than 3 repeats there is no interval (marked n/i).\n")
          .Append("- Comparisons are paired: repeat r of every strategy used the same target subset and seeds, and the interval is that of the mean per-repeat difference. A strategy is named best only when its paired interval against every other excludes 0; otherwise the others are listed as indistinguishable.\n")
          .Append("- Data efficiency: scratch's n at its largest size divided by the n at which the strategy's mean curve reaches scratch's value there (log-interpolated), with a bootstrap interval over repeats.\n")
          .Append("- Negative transfer: worse than scratch at the same n with a paired interval that excludes 0.\n")
          .Append("- Simple baselines: ").Append(MdText.Escape(string.Join(", ", KnownStrategies.DefaultBaselines))).Append(" unless a problem names its own.\n");
        string mdText = md.ToString();
        written.Add(WriteText(outputDirectory, "report.md", mdText));
        written.Add(WriteText(outputDirectory, "report.html", HtmlReport.Render(mdText, outputDirectory, "Study: " + input.StudyName)));
        return written;
    }

    private static void WriteCompleteness(StringBuilder md, StudyReportInput input, IReadOnlyList<ResultRow> results, string dir)
    {
        int repeats = Repeats(dir, results);
        var done = results.Select(r => r.Cell).ToHashSet();
        var missing = new List<CellKey>();
        foreach (ProblemManifest p in input.Problems)
        {
            foreach (string s in p.Strategies)
            {
                foreach (int n in p.Sizes)
                {
                    for (int r = 0; r < repeats; r++)
                    {
                        var key = new CellKey(p.Id, s, n, r);
                        if (!done.Contains(key))
                        {
                            missing.Add(key);
                        }
                    }
                }
            }
        }

        int planned = input.Problems.Sum(p => p.Strategies.Count * p.Sizes.Count) * repeats;
        if (missing.Count == 0)
        {
            return;
        }

        md.Append("\n## Partial run\n\n").Append(missing.Count.ToString(CultureInfo.InvariantCulture)).Append(" of ")
          .Append(planned.ToString(CultureInfo.InvariantCulture)).Append(" cells are missing (no results yet); the answers and tables use the cells that finished.\n\n");
        foreach (var g in missing.GroupBy(c => (c.Problem, c.Strategy, c.NTarget)).Take(40))
        {
            md.Append("- ").Append(MdText.Escape(g.Key.Problem)).Append(" / ").Append(MdText.Escape(g.Key.Strategy))
              .Append(" / n = ").Append(g.Key.NTarget.ToString(CultureInfo.InvariantCulture)).Append(": repeats ")
              .Append(string.Join(", ", g.Select(c => c.Repeat.ToString(CultureInfo.InvariantCulture)))).Append('\n');
        }

        int groups = missing.Select(c => (c.Problem, c.Strategy, c.NTarget)).Distinct().Count();
        if (groups > 40)
        {
            md.Append("- ... and ").Append((groups - 40).ToString(CultureInfo.InvariantCulture)).Append(" more (problem, strategy, n)\n");
        }
    }

    /// <summary>Repeats per cell: run.json's config.repeats when present, else the most seen in results.</summary>
    private static int Repeats(string dir, IReadOnlyList<ResultRow> results)
    {
        string path = Path.Combine(dir, "run.json");
        if (File.Exists(path))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(path))?["config"]?["repeats"] is JsonValue v && v.TryGetValue(out int r) && r > 0)
                {
                    return r;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // run.json is read (and its errors reported) by OutputFolder; here it is only a hint.
            }
        }

        return results.Count == 0 ? 0 : results.Max(r => r.Repeat) + 1;
    }

    private static void WriteHeader(StringBuilder md, StudyReportInput input)
    {
        md.Append("\n## What ran\n\n| fact | value |\n|---|---|\n");
        foreach (KeyValuePair<string, string> fact in input.RunFacts)
        {
            md.Append("| ").Append(MdText.Escape(fact.Key)).Append(" | ").Append(MdText.Escape(fact.Value)).Append(" |\n");
        }

        md.Append("\n| problem id | problem | strategies | target sizes | metrics |\n|---|---|---|---|---|\n");
        foreach (ProblemManifest p in input.Problems)
        {
            md.Append("| ").Append(MdText.Escape(p.Id))
              .Append(" | ").Append(MdText.Escape(p.Name))
              .Append(" | ").Append(MdText.Escape(string.Join(", ", p.Strategies)))
              .Append(" | ").Append(string.Join(", ", p.Sizes.Select(n => n.ToString(CultureInfo.InvariantCulture))))
              .Append(" | ").Append(MdText.Escape(string.Join(", ", p.Metrics.Select(m => m.Unit.Length > 0 ? $"{m.Name} ({m.Unit})" : m.Name))))
              .Append(" |\n");
        }
    }

    private static void WriteRetention(string dir, StudyReportInput input, StrategyPalette palette, HashSet<string> taken, List<string> written, StringBuilder md)
    {
        var groups = input.Problems.Where(p => p.ComparisonGroup is not null)
            .GroupBy(p => p.ComparisonGroup!, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0)
        {
            return;
        }

        md.Append("\n## Retention\n\nRelative performance retention: 1 means as good as with the strategy's largest n.\n");
        foreach (IGrouping<string, ProblemManifest> g in groups)
        {
            string file = SafeFileName.Unique("retention__" + SafeFileName.From(g.Key), taken);
            written.AddRange(Save(dir, file, RetentionPlot.Render(g.Key, g.ToList(), input.Summary, palette)));
            md.Append("\n### ").Append(MdText.Escape(g.Key)).Append("\n\n![")
              .Append(MdText.Escape("retention: " + g.Key)).Append("](").Append(MdText.Target(file + ".png")).Append(")\n");
        }
    }

    private static void WriteFigures(string dir, StudyReportInput input, StrategyPalette palette, List<string> written, StringBuilder md)
    {
        IReadOnlyList<FigureData> figures = FigureMerger.Merge(input.Figures);
        if (figures.Count == 0)
        {
            return;
        }

        md.Append("\n## Figures\n");
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (FigureData figure in figures)
        {
            ChartImage chart;
            string note = "";
            switch (figure)
            {
                case TimeSeriesFigure ts:
                    BestOfResult chosen = BestOfSelector.Select(ts, input.Problems, input.Summary);
                    note = chosen.Note;
                    chart = TimeSeriesChart.Render(FigureCharts.ToChart(chosen.Figure), palette, note);
                    break;
                case HeatMapFigure hm:
                    chart = HeatMapChart.Render(FigureCharts.ToChart(hm));
                    break;
                default:
                    throw new ArgumentException($"figure '{figure.Id}': unsupported figure kind {figure.GetType().Name}.", nameof(input));
            }

            string file = "figures/" + SafeFileName.Unique(figure.Id, taken);
            written.AddRange(Save(dir, file, chart));
            md.Append("\n### ").Append(MdText.Escape(figure.Title)).Append("\n\n");
            if (note.Length > 0)
            {
                md.Append(MdText.Escape(note)).Append(".\n\n");
            }

            md.Append("![").Append(MdText.Escape(figure.Title)).Append("](").Append(MdText.Target(file + ".png")).Append(")\n");
        }
    }

    private static IEnumerable<string> AllStrategies(StudyReportInput input) =>
        input.Problems.SelectMany(p => p.Strategies)
            .Concat(input.Summary.Select(r => r.Strategy))
            .Concat(input.Figures.OfType<TimeSeriesFigure>().SelectMany(f => f.Series).Select(s => s.Strategy).OfType<string>());

    private static string[] Save(string dir, string relative, ChartImage chart)
    {
        (string png, string svg) = chart.Save(Path.Combine(dir, relative.Replace('/', Path.DirectorySeparatorChar)));
        return [png, svg];
    }

    private static string WriteText(string dir, string relative, string text)
    {
        string path = Path.Combine(dir, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8NoBom);
        return path;
    }
}
