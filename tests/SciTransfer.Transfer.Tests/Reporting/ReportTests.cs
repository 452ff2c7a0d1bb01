using System.Diagnostics;
using System.Text.RegularExpressions;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Tests.Reporting;

public sealed class ReportTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (string Dir, IReadOnlyList<string> Paths, string Md) Write(int repeats = 3, Func<ResultRow, bool>? keep = null, SciTransfer.Transfer.Summary.StudyReportInput? input = null)
    {
        string dir = _tmp.Sub("out-" + Guid.NewGuid().ToString("N")[..6]);
        input ??= SampleStudy.Input();
        input = input with { Results = SampleStudy.WriteResults(dir, input, repeats, keep) };
        var paths = StudyReport.Write(dir, input);
        return (dir, paths, File.ReadAllText(Path.Combine(dir, "report.md")));
    }

    [Fact]
    public void Report_writes_png_and_svg_per_figure_then_report_md_and_html()
    {
        var (dir, paths, _) = Write();
        var names = paths.Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/')).ToList();
        Assert.Equal(
        [
            "reference_linear-shift__rmse.png", "reference_linear-shift__rmse.svg", "reference_linear-shift__r2.png", "reference_linear-shift__r2.svg",
            "reference_large_shift__rmse.png", "reference_large_shift__rmse.svg", "reference_large_shift__r2.png", "reference_large_shift__r2.svg",
            "retention__shift.png", "retention__shift.svg",
            "figures/heat-sink_temperature.png", "figures/heat-sink_temperature.svg",
            "figures/reference_linear-shift_timeseries.png", "figures/reference_linear-shift_timeseries.svg",
            "report.md", "report.html",
        ], names);
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 100));
    }

    [Fact]
    public void Report_opens_with_an_answer_per_problem_with_a_data_efficiency_interval()
    {
        var (_, _, md) = Write();
        string answers = md[md.IndexOf("## Answers", StringComparison.Ordinal)..md.IndexOf("## What ran", StringComparison.Ordinal)];
        // fine-tune (0.6 + 1/sqrt(n+1)) reaches scratch's rmse at n = 64 (1.0) near n = 5: about 12x less data.
        Assert.Matches(@"reference/linear-shift\*\* \(rmse\): fine-tune reaches scratch's rmse at n = 64 with [0-9.]+ samples: [0-9.]+x less target data \\\[95 % CI [0-9.]+-[0-9.]+x\\\]; it beats the simple baseline \(source-only\) from n = \d+\.", answers);
        Assert.Contains("large shift", answers, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostic_metrics_get_no_answer_curve_or_table_and_data_warnings_are_listed_under_their_problem()
    {
        var input = SampleStudy.Input();
        var shift = new MetricInfo("warp_shift", "", true, "a fitted shift", IsDiagnostic: true);
        var a = input.Problems[0] with { Metrics = [shift, SampleStudy.Rmse, SampleStudy.R2], Warnings = ["weather.csv: 3 rh_pct value(s) above 100 % clipped to 100"] };
        var (dir, paths, md) = Write(input: input with { Problems = [a, input.Problems[1]] });

        // Listed first, the diagnostic would be the answer's metric if it were not skipped.
        string answers = md[md.IndexOf("## Answers", StringComparison.Ordinal)..md.IndexOf("## What ran", StringComparison.Ordinal)];
        Assert.Contains("reference/linear-shift** (rmse)", answers, StringComparison.Ordinal);
        Assert.DoesNotContain("warp", answers, StringComparison.Ordinal);
        Assert.DoesNotContain(paths, p => p.Contains("warp", StringComparison.Ordinal));
        Assert.Contains("Diagnostic metrics warp\\_shift are per cell in results.csv", md, StringComparison.Ordinal);

        string section = md[md.IndexOf("\n## reference/linear-shift", StringComparison.Ordinal)..md.IndexOf("\n## reference/large shift", StringComparison.Ordinal)];
        Assert.Contains("Data warnings", section, StringComparison.Ordinal);
        Assert.Contains("3 rh\\_pct value(s) above 100 % clipped", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Data warnings", md[md.IndexOf("\n## reference/large shift", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void With_two_repeats_no_interval_is_shown_and_the_reason_is_given()
    {
        var (_, _, md) = Write(repeats: 2);
        Assert.Contains("fewer than 3 repeats: no interval", md, StringComparison.Ordinal);
        Assert.DoesNotContain("95 % CI 1", md[..md.IndexOf("## What ran", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Table_intervals_stay_inside_the_metric_range_and_show_scratch_and_the_baseline()
    {
        var (_, _, md) = Write();
        Assert.Contains("| n (target samples) | best | best mean [95 % CI] | scratch | simple baseline |", md, StringComparison.Ordinal);
        Assert.Matches(@"\| 64 \| [^\n]*\| source-only: 1\.4", md);
        foreach (Match m in Regex.Matches(md, @"\[(-?[0-9.E+-]+), (-?[0-9.E+-]+)\]"))
        {
            // rmse >= 0 and r2 <= 1 in the sample; no mean interval may leave those ranges (differences may be negative).
            Assert.True(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) <= 3.2);
        }
    }

    [Fact]
    public void A_partial_run_says_how_many_cells_are_missing_and_which()
    {
        var (_, _, md) = Write(keep: r => !(r.Strategy == "fine-tune" && r.NTarget == 8 && r.Repeat == 2));
        Assert.Contains("## Partial run", md, StringComparison.Ordinal);
        Assert.Matches(@"4 of 132 cells are missing", md);
        Assert.Contains("reference/linear-shift / fine-tune / n = 8: repeats 2", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ids_and_descriptions_cannot_inject_markup()
    {
        var input = SampleStudy.Input();
        var evil = input.Problems[0] with { Id = "<script>alert(1)</script>", Description = "[x](javascript:alert(1))" };
        input = input with { Problems = [evil, input.Problems[1]], Summary = [.. input.Summary.Select(r => r.Problem == input.Problems[0].Id ? r with { Problem = evil.Id } : r)] };
        var (dir, _, md) = Write(input: input);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("[x](javascript:", md, StringComparison.Ordinal);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategy_metric_and_study_names_cannot_inject_markup_either()
    {
        const string Evil = "[x](javascript:alert(1))";
        const string Tag = "<img src=x onerror=alert(1)>";
        var input = SampleStudy.Input();
        string dir = _tmp.Sub("evil-names");
        var results = SampleStudy.WriteResults(dir, input);
        string Rename(string s) => s == "fine-tune" ? Evil : s;
        string RenameMetric(string m) => m == "r2" ? Tag : m;
        input = input with
        {
            StudyName = Tag,
            Description = Evil,
            Problems = [.. input.Problems.Select(p => p with { Strategies = [.. p.Strategies.Select(Rename)], Metrics = [.. p.Metrics.Select(m => m with { Name = RenameMetric(m.Name) })] })],
            Summary = [.. input.Summary.Select(r => r with { Strategy = Rename(r.Strategy), Metric = RenameMetric(r.Metric) })],
            Results = [.. results.Select(r => r with { Strategy = Rename(r.Strategy), Metric = RenameMetric(r.Metric) })],
            Figures = [],
        };
        StudyReport.Write(dir, input);
        string md = File.ReadAllText(Path.Combine(dir, "report.md"));
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("javascript", md, StringComparison.Ordinal); // the names are in the report, as text
        Assert.DoesNotContain(Evil, md, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)<img", md); // only as "\<img", which Markdown shows as text
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal); // the report's own figures are <img src="data:...">
        Assert.DoesNotMatch("<a [^>]*javascript", html); // the link text may show, as text, never as a link

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void File_names_replace_path_characters_and_stay_unique()
    {
        Assert.Equal("a_b_c", SafeFileName.From("a/b\\c"));
        Assert.Equal("_._x", SafeFileName.From("../x"));
        var taken = new HashSet<string>();
        Assert.Equal("a_b", SafeFileName.Unique("a/b", taken));
        Assert.Equal("a_b-2", SafeFileName.Unique("a_b", taken));
        Assert.Equal("A_B-3", SafeFileName.Unique("A/B", taken));
    }

    [Fact]
    public void Paired_differences_use_the_same_repeats_and_bootstrap_means_stay_in_range()
    {
        var a = new Dictionary<int, double> { [0] = 1.0, [1] = 2.0, [2] = 3.0, [3] = 4.0 };
        var b = new Dictionary<int, double> { [0] = 0.9, [1] = 1.9, [2] = 2.9, [3] = 3.9 };
        var d = PairedStatistics.Difference(a, b);
        Assert.Equal(0.1, d.Value, 9);
        Assert.True(d.ExcludesZero, "a constant paired difference is significant although the unpaired values overlap");
        var acc = PairedStatistics.Mean([1.0, 1.0, 0.98, 0.5]);
        Assert.InRange(acc.High, 0, 1);
        Assert.False(PairedStatistics.Mean([1.0, 2.0]).HasInterval);
    }

    [ChromiumFact]
    public void Headless_chromium_loads_every_image_of_report_html()
    {
        var (dir, _, _) = Write();
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        int images = Regex.Matches(html, "<img ").Count;
        Assert.True(images >= 7, $"{images} images");
        string probe = Path.Combine(dir, "probe.html");
        File.WriteAllText(probe, html.Replace("</body>", "<script>window.addEventListener('load',()=>{document.body.setAttribute('data-images',[...document.images].map(i=>i.complete&&i.naturalWidth>0?'ok':'bad').join(','));});</script></body>", StringComparison.Ordinal));
        var psi = new ProcessStartInfo(ChromiumFactAttribute.ChromiumPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + Path.Combine(dir, "profile"), "--virtual-time-budget=5000", "--dump-dom", new Uri(probe).AbsoluteUri })
        {
            psi.ArgumentList.Add(arg);
        }

        using var chromium = Process.Start(psi)!;
        Task<string> stdout = chromium.StandardOutput.ReadToEndAsync();
        _ = chromium.StandardError.ReadToEndAsync();
        Assert.True(chromium.WaitForExit(TimeSpan.FromSeconds(60)), "chromium did not finish within 60 s");
        var m = Regex.Match(stdout.Result, "data-images=\"([^\"]*)\"");
        Assert.True(m.Success, "the probe did not run: " + stdout.Result[..Math.Min(300, stdout.Result.Length)]);
        var states = m.Groups[1].Value.Split(',');
        Assert.Equal(images, states.Length);
        Assert.All(states, s => Assert.Equal("ok", s));
    }
}
