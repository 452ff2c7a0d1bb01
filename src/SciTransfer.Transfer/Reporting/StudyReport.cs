using System.Globalization;
using System.Text;
using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// Writes the plots and report.md of a study into its output folder:
/// <c>&lt;problem&gt;__&lt;metric&gt;.svg</c> per (problem, metric), <c>retention__&lt;group&gt;.svg</c> per
/// comparison group, <c>figures/&lt;figure id&gt;.svg</c> per merged figure, and <c>report.md</c>.
/// The output is byte-identical for identical input (UTF-8 without BOM, "\n" line ends, invariant numbers).
/// </summary>
public static class StudyReport
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file and returns their full paths in writing order (report.md last).</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, StudyReportInput input)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "REPORT.MD" };
        var palette = new StrategyPalette(AllStrategies(input));
        var md = new StringBuilder();

        WriteHeader(md, input);

        foreach (ProblemManifest problem in input.Problems)
        {
            md.Append("\n## ").Append(Markdown.Cell(problem.Id)).Append("\n\n");
            if (problem.Description.Length > 0)
            {
                md.Append(problem.Description).Append("\n\n");
            }

            md.Append("Problem `").Append(problem.Name).Append("`; x axis: ").Append(problem.ScarcityAxis).Append(".\n");
            foreach (MetricInfo metric in problem.Metrics.Where(m => !m.IsTiming))
            {
                string file = SafeFileName.Unique($"{SafeFileName.From(problem.Id)}__{SafeFileName.From(metric.Name)}", taken) + ".svg";
                written.Add(WriteText(outputDirectory, file, ScarcityPlot.Render(problem, metric, input.Summary, palette)));
                string heading = ScarcityPlot.YTitle(metric);
                md.Append("\n### ").Append(heading).Append("\n\n");
                if (metric.Description.Length > 0)
                {
                    md.Append(metric.Description).Append("\n\n");
                }

                md.Append("![").Append(Markdown.Label($"{problem.Id}: {metric.Name}")).Append("](").Append(Markdown.Target(file)).Append(")\n\n");
                md.Append(KeyTable.ToMarkdown(KeyTable.Build(problem, metric, input.Summary), problem.ScarcityAxis));
            }

            var timing = problem.Metrics.Where(m => m.IsTiming).Select(m => "`" + m.Name + "`").ToList();
            if (timing.Count > 0)
            {
                // Wall-clock metrics vary run to run, so they are summarised in timings.csv, not summary.csv.
                md.Append("\nTiming metrics ").Append(string.Join(", ", timing)).Append(" are summarised in `timings.csv` (with each cell's fit_seconds).\n");
            }
        }

        WriteRetention(outputDirectory, input, palette, taken, written, md);
        WriteFigures(outputDirectory, input, palette, written, md);

        md.Append("\n## Notes\n\n")
          .Append("- Curves: mean over repeats; bands: Student-t 95 % confidence interval (absent with one repeat). n = 0 sits left of the axis break.\n")
          .Append("- Best strategy: best mean at that n, excluding `oracle` (it uses the whole target pool). Best transfer strategy: best mean among strategies other than `scratch` and `oracle`.\n")
          .Append("- Data efficiency: how many target samples `scratch` needs to reach that strategy's mean, divided by n (\">=\": scratch never reached it, a lower bound).\n")
          .Append("- Negative transfer: mean worse than `scratch` at the same n beyond scratch's 95 % band.\n");
        written.Add(WriteText(outputDirectory, "report.md", md.ToString()));
        return written;
    }

    private static void WriteHeader(StringBuilder md, StudyReportInput input)
    {
        md.Append("# Study: ").Append(input.StudyName).Append("\n\n");
        if (input.Description.Length > 0)
        {
            md.Append(input.Description).Append("\n\n");
        }

        md.Append("## What ran\n\n| fact | value |\n|---|---|\n");
        foreach (KeyValuePair<string, string> fact in input.RunFacts)
        {
            md.Append("| ").Append(Markdown.Cell(fact.Key)).Append(" | ").Append(Markdown.Cell(fact.Value)).Append(" |\n");
        }

        md.Append("\n| problem id | problem | strategies | target sizes | metrics |\n|---|---|---|---|---|\n");
        foreach (ProblemManifest p in input.Problems)
        {
            md.Append("| ").Append(Markdown.Cell(p.Id))
              .Append(" | ").Append(Markdown.Cell(p.Name))
              .Append(" | ").Append(Markdown.Cell(string.Join(", ", p.Strategies)))
              .Append(" | ").Append(string.Join(", ", p.Sizes.Select(n => n.ToString(CultureInfo.InvariantCulture))))
              .Append(" | ").Append(Markdown.Cell(string.Join(", ", p.Metrics.Select(m => m.Unit.Length > 0 ? $"{m.Name} ({m.Unit})" : m.Name))))
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
            string file = SafeFileName.Unique("retention__" + SafeFileName.From(g.Key), taken) + ".svg";
            written.Add(WriteText(dir, file, RetentionPlot.Render(g.Key, g.ToList(), input.Summary, palette)));
            md.Append("\n### ").Append(Markdown.Cell(g.Key)).Append("\n\n![")
              .Append(Markdown.Label("retention: " + g.Key)).Append("](").Append(Markdown.Target(file)).Append(")\n");
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
            string svg;
            string note = "";
            switch (figure)
            {
                case TimeSeriesFigure ts:
                    BestOfResult chosen = BestOfSelector.Select(ts, input.Problems, input.Summary);
                    note = chosen.Note;
                    svg = TimeSeriesChart.Render(FigureCharts.ToChart(chosen.Figure), palette, note);
                    break;
                case HeatMapFigure hm:
                    svg = HeatMapChart.Render(FigureCharts.ToChart(hm));
                    break;
                default:
                    throw new ArgumentException($"figure '{figure.Id}': unsupported figure kind {figure.GetType().Name}.", nameof(input));
            }

            string file = "figures/" + SafeFileName.Unique(figure.Id, taken) + ".svg";
            written.Add(WriteText(dir, file, svg));
            md.Append("\n### ").Append(Markdown.Cell(figure.Title)).Append("\n\n");
            if (note.Length > 0)
            {
                md.Append(note).Append(".\n\n");
            }

            md.Append("![").Append(Markdown.Label(figure.Title)).Append("](").Append(Markdown.Target(file)).Append(")\n");
        }
    }

    private static IEnumerable<string> AllStrategies(StudyReportInput input) =>
        input.Problems.SelectMany(p => p.Strategies)
            .Concat(input.Summary.Select(r => r.Strategy))
            .Concat(input.Figures.OfType<TimeSeriesFigure>().SelectMany(f => f.Series).Select(s => s.Strategy).OfType<string>());

    private static string WriteText(string dir, string relative, string text)
    {
        string path = Path.Combine(dir, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8NoBom);
        return path;
    }
}
