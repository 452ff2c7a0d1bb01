using System.Globalization;
using System.Text.RegularExpressions;

namespace SciTransfer.Cli.Tests;

/// <summary>`slurm submit --dry-run`, `status` and their errors through the real program (no cluster needed).</summary>
public class SlurmCommandTests
{
    [Fact]
    public void A_dry_run_prints_the_plan_scripts_and_sbatch_commands_and_writes_nothing()
    {
        using var dir = new TempDir();
        string cfg = dir.File("tiny study.json", ClusterStudy.Json);
        string run = dir.Sub("cluster run");
        var (code, output, err) = CliProcess.Run("slurm", "submit", cfg, "--out", run, "--shards", "3", "--account", "proj7", "--time", "02:00:00", "--mem", "4G", "--sbatch-arg=--constraint=avx2", "--dry-run");
        Assert.True(code == 0, err);
        Assert.Contains("20 cells in 3 shards, 2 source models pre-trained first", output, StringComparison.Ordinal);

        // The shard costs add up to the declared weights of all cells (see ClusterStudy), and LPT keeps each within
        // one largest unit (the 4 linear-shift cells of a repeat: 4; a nusselt cell: 10) of the mean.
        double[] costs = [.. Regex.Matches(output, @"shard \d: \d+ cells, cost ([0-9.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(3, costs.Length);
        Assert.Equal(ClusterStudy.DeclaredUnits, costs.Sum(), 9);
        Assert.True(costs.Max() <= (ClusterStudy.DeclaredUnits / 3) + 10, string.Join(", ", costs));

        foreach (string want in new[] { "#SBATCH --account=proj7", "#SBATCH --time=02:00:00", "#SBATCH --mem=4G", "#SBATCH --constraint=avx2", "#SBATCH --signal=B:TERM@120", "#SBATCH --requeue", "--self-contained -r linux-x64", "--dependency=afterok:", "--kill-on-invalid-dep=yes", "'--dependency=afterany:<pretrain job id>:<cells job id>'" })
        {
            Assert.Contains(want, output, StringComparison.Ordinal);
        }

        Assert.Contains($"--plan '{run}/slurm/plan.json'", output, StringComparison.Ordinal); // the space is quoted
        Assert.False(Directory.Exists(run), "a dry run must not create the folder");
    }

    [Theory]
    [InlineData("--time", "2h", "--time")]
    [InlineData("--shards", "0", "--shards")]
    [InlineData("--cpus-per-task", "0", "--cpus-per-task")]
    public void Bad_submit_flags_exit_1_naming_the_flag(string flag, string value, string named)
    {
        using var dir = new TempDir();
        string cfg = dir.File("tiny.json", ClusterStudy.Json);
        string[] args = ["slurm", "submit", cfg, "--out", dir.Sub("run"), "--shards", "2", "--dry-run", flag, value];
        var (code, _, err) = CliProcess.Run(args);
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains(named, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Submitting_into_a_folder_that_holds_a_cluster_run_is_refused_before_anything_is_submitted()
    {
        using var dir = new TempDir();
        string cfg = dir.File("tiny.json", ClusterStudy.Json);
        Directory.CreateDirectory(dir.Sub("run/slurm"));
        File.WriteAllText(dir.Sub("run/slurm/plan.json"), "{}");
        var (code, _, err) = CliProcess.Run("slurm", "submit", cfg, "--out", dir.Sub("run"), "--shards", "2");
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("already holds a cluster run", err, StringComparison.Ordinal);
        Assert.Contains("slurm resubmit", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_of_a_folder_that_is_not_a_cluster_run_exits_2_naming_plan_json()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliProcess.Run("status", dir.Path);
        Assert.Equal(ExitCodes.BadData, code);
        Assert.Contains("plan.json", err, StringComparison.Ordinal);
    }
}
