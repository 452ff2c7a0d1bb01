using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests;

/// <summary>Problems that declare one seed key draw identical repeats, and the study writes their paired differences.</summary>
public class PairedStudyTests
{
    private const string Study = """
        { "study": "pair", "seed": 5, "repeats": 3,
          "problems": [ { "problem": "test/a" }, { "problem": "test/bb" } ] }
        """;

    private static StudyConfig Config(SpyProblem a, SpyProblem b)
    {
        var catalog = new ProblemCatalog([new TestModule(new FixedFactory(a), new FixedFactory(b))]);
        using var doc = JsonDocument.Parse(Study);
        return StudyConfigLoader.Parse("pair.json", doc.RootElement, catalog, new ProblemSettings());
    }

    [Fact]
    public void A_shared_seed_key_gives_both_problems_the_same_subsets_and_seeds_and_zero_paired_differences()
    {
        var a = new SpyProblem("test/a", seedKey: "k", group: "g");
        var b = new SpyProblem("test/bb", seedKey: "k", group: "g");
        using var dir = new TempDir();
        var outcome = StudyRunner.Run(Config(a, b), new RunOptions(dir.Sub("out"), Threads: 2));
        foreach (var (key, seen) in a.Seen)
        {
            Assert.Equal(seen, b.Seen[key]);
        }

        // The spy's values derive from the cell seeds, so identical repeats give identical values: every difference is 0.
        var pairs = outcome.Summary.Where(r => r.Problem == "test/a vs test/bb").ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, r => Assert.Equal(0.0, r.Mean, 15));
        Assert.Contains(pairs, r => r.Metric == "error:rpr_difference");

        // run.json keeps the seed key and the parameter counts; the report states the pairing and the counts.
        string run = File.ReadAllText(Path.Combine(dir.Sub("out"), "run.json"));
        Assert.Contains("\"seed_key\": \"k\"", run, StringComparison.Ordinal);
        Assert.Contains("\"parameters\": 6", run, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(dir.Sub("out"), "report.md"));
        Assert.Contains("## Paired differences", report, StringComparison.Ordinal);
        Assert.Contains("Capacity: a 6 parameters vs bb 7 parameters", report, StringComparison.Ordinal);
        Assert.Contains("Repeats identical for both", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_seed_key_the_problems_draw_their_own_subsets_and_the_summary_is_thread_independent()
    {
        var a = new SpyProblem("test/a", group: "g");
        var b = new SpyProblem("test/bb", group: "g");
        using var dir = new TempDir();
        StudyRunner.Run(Config(a, b), new RunOptions(dir.Sub("t2"), Threads: 2));
        Assert.NotEqual(a.Seen[("scratch", 16, 0)], b.Seen[("scratch", 16, 0)]);
        StudyRunner.Run(Config(new SpyProblem("test/a", group: "g"), new SpyProblem("test/bb", group: "g")), new RunOptions(dir.Sub("t1"), Threads: 1));
        string two = File.ReadAllText(Path.Combine(dir.Sub("t2"), "summary.csv"));
        Assert.Equal(File.ReadAllText(Path.Combine(dir.Sub("t1"), "summary.csv")), two);
        Assert.Contains("test/a vs test/bb,scratch,2,error:rpr_difference,3,", two, StringComparison.Ordinal);
        Assert.Contains("drawn independently", File.ReadAllText(Path.Combine(dir.Sub("t2"), "report.md")), StringComparison.Ordinal);
    }
}
