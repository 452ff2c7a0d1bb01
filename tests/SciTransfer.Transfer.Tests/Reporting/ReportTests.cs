using System.Text.RegularExpressions;
using SciTransfer.Transfer.Reporting;

namespace SciTransfer.Transfer.Tests.Reporting;

public sealed class ReportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "scitransfer-plotting-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Report_writes_one_plot_per_problem_and_metric_with_safe_names()
    {
        var input = SampleStudy.Input();
        var paths = StudyReport.Write(_root, input);
        var names = paths.Select(p => Path.GetRelativePath(_root, p).Replace('\\', '/')).ToList();
        Assert.Equal(
        [
            "reference_linear-shift__rmse.svg", "reference_linear-shift__r2.svg",
            "reference_large_shift__rmse.svg", "reference_large_shift__r2.svg",
            "retention__shift.svg",
            "figures/heat-sink_temperature.svg", "figures/reference_linear-shift_timeseries.svg",
            "report.md",
        ], names);
        Assert.All(paths, p => Assert.True(File.Exists(p)));
        foreach (string svg in paths.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
        {
            _ = new SvgDocument(File.ReadAllText(svg));
        }
    }

    [Fact]
    public void Key_table_names_the_best_strategy_at_each_size()
    {
        var input = SampleStudy.Input();
        StudyReport.Write(_root, input);
        string md = File.ReadAllText(Path.Combine(_root, "report.md"));
        foreach (var problem in input.Problems)
        {
            string section = Section(md, "## " + problem.Id, "### rmse (K), lower is better");
            foreach (int n in problem.Sizes)
            {
                string expected = SampleStudy.ExpectedBestRmse(n, problem.Strategies.Where(s => n > 0 || s != "scratch"));
                var row = Regex.Match(section, $@"^\| {n} \| ([^|]+) \|", RegexOptions.Multiline);
                Assert.True(row.Success, $"no key-table row for n = {n} in {problem.Id}");
                Assert.Equal(expected, row.Groups[1].Value.Trim());
            }
        }

        Assert.Contains("| n (target samples) | best strategy | mean [95 % CI] | best transfer strategy | data efficiency vs scratch | negative transfer |", md, StringComparison.Ordinal);
        Assert.Contains("![reference/linear-shift: rmse](reference_linear-shift__rmse.svg)", md, StringComparison.Ordinal);
        Assert.Contains("(retention__shift.svg)", md, StringComparison.Ordinal);
        Assert.Contains("| seed | 20261121 |", md, StringComparison.Ordinal);
        Assert.Contains("A synthetic study | with a pipe", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Best_is_the_highest_mean_for_a_higher_is_better_metric()
    {
        var input = SampleStudy.Input();
        var problem = input.Problems[1];
        var table = KeyTable.Build(problem, SampleStudy.R2, input.Summary);
        foreach (var row in table)
        {
            var means = input.Summary.Where(r => r.Problem == problem.Id && r.Metric == "r2" && r.NTarget == row.N).ToList();
            Assert.Equal(means.Max(r => r.Mean), row.BestMean);
        }
    }

    [Fact]
    public void Key_table_shows_data_efficiency_bounds_and_negative_transfer_flags()
    {
        var input = SampleStudy.Input();
        var problem = input.Problems[0];
        var table = KeyTable.Build(problem, SampleStudy.Rmse, input.Summary);
        string md = KeyTable.ToMarkdown(table, problem.ScarcityAxis);
        // n = 4: fine-tune (0.6 + 1/sqrt 5) wins and the sample marks its efficiency as a lower bound; source-only (1.4)
        // beats scratch (2.5) there but is flagged at n = 64 where scratch reaches 1.0. At n = 0 scratch has no row and
        // source-only (1.4) beats fine-tune (1.6).
        Assert.Contains("| 4 | fine-tune | 1.047 [0.9472, 1.147] | fine-tune | >= 2.5x | none |", md, StringComparison.Ordinal);
        Assert.Contains("| 64 | fine-tune |", md, StringComparison.Ordinal);
        Assert.Matches(@"\| 64 \| [^\n]*\| source-only \|\n", md);
        Assert.Contains("| 0 | source-only | 1.4 [1.3, 1.5] | source-only | n/a | none |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_twice_gives_byte_identical_files()
    {
        var input = SampleStudy.Input();
        var first = StudyReport.Write(Path.Combine(_root, "a"), input);
        var second = StudyReport.Write(Path.Combine(_root, "b"), SampleStudy.Input());
        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(Path.GetRelativePath(Path.Combine(_root, "a"), first[i]), Path.GetRelativePath(Path.Combine(_root, "b"), second[i]));
            Assert.Equal(File.ReadAllBytes(first[i]), File.ReadAllBytes(second[i]));
        }
    }

    [Fact]
    public void File_names_replace_path_characters_and_stay_unique()
    {
        Assert.Equal("a_b_c", SafeFileName.From("a/b\\c"));
        Assert.Equal("_._x", SafeFileName.From("../x"));
        Assert.Equal("x_y_z", SafeFileName.From("x y:z"));
        var taken = new HashSet<string>();
        Assert.Equal("a_b", SafeFileName.Unique("a/b", taken));
        Assert.Equal("a_b-2", SafeFileName.Unique("a_b", taken));
        Assert.Equal("A_B-3", SafeFileName.Unique("A/B", taken));
    }

    private static string Section(string md, string start, string sub)
    {
        int i = md.IndexOf(start + "\n", StringComparison.Ordinal);
        Assert.True(i >= 0, $"missing section {start}");
        int j = md.IndexOf(sub, i, StringComparison.Ordinal);
        int end = md.IndexOf("\n### ", j + 1, StringComparison.Ordinal);
        return md[j..(end < 0 ? md.Length : end)];
    }
}
