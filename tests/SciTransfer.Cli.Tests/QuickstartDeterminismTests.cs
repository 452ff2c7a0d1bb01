using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli.Tests;

public class QuickstartDeterminismTests
{
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SciTransfer.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("SciTransfer.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>results.csv rows without the fit_seconds column and without rows of timing metrics.</summary>
    private static string[] RowsWithoutTimings(string dir)
    {
        var timing = RunRecord.Problems(RunRecord.Read(dir), dir)
            .SelectMany(p => p.Metrics.Where(m => m.IsTiming).Select(m => $",{m.Name},"))
            .ToList();
        return [.. File.ReadAllLines(Path.Combine(dir, "results.csv")).Skip(1)
            .Select(l => l[..l.LastIndexOf(',')] + ",")
            .Where(l => !timing.Any(t => l.Contains(t, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void The_default_study_of_every_domain_gives_the_same_rows_and_summary_on_one_and_two_threads()
    {
        string config = Path.Combine(RepositoryRoot(), "experiments", "quickstart.json");
        using var dir = new TempDir();
        var one = CliProcess.Run("run", config, "--out", dir.Sub("t1"), "--threads", "1");
        Assert.True(one.ExitCode == 0, one.Error);
        var two = CliProcess.Run("run", config, "--out", dir.Sub("t2"), "--threads", "2");
        Assert.True(two.ExitCode == 0, two.Error);
        Assert.Equal(RowsWithoutTimings(dir.Sub("t1")), RowsWithoutTimings(dir.Sub("t2")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(dir.Sub("t1"), "summary.csv")),
            File.ReadAllText(Path.Combine(dir.Sub("t2"), "summary.csv")));
    }
}
