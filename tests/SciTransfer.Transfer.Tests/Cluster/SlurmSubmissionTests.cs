using System.Text.Json.Nodes;
using SciTransfer.Transfer.Cluster;

namespace SciTransfer.Transfer.Tests.Cluster;

public class SlurmSubmissionTests
{
    /// <summary>Records each call and answers job ids 100, 101, ...</summary>
    private sealed class FakeSbatch : ISbatch
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public string Submit(IReadOnlyList<string> arguments)
        {
            Calls.Add(arguments);
            return (100 + Calls.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public void Stages_are_chained_sources_afterok_then_finish_afterany()
    {
        using var dir = new TempDir();
        var layout = ClusterLayout.Of(dir.Sub("run"));
        var sbatch = new FakeSbatch();
        var jobs = SlurmSubmission.Submit(layout, [1, 2], [1, 2, 3], sbatch);

        Assert.Equal(["pretrain", "cells", "finish"], jobs.Select(j => j.Stage));
        Assert.Equal(["100", "101", "102"], jobs.Select(j => j.JobId));
        Assert.Contains("--array=1-2", sbatch.Calls[0]);
        Assert.Equal(layout.Script("pretrain"), sbatch.Calls[0][^1]);
        Assert.Contains("--array=1-3", sbatch.Calls[1]);
        Assert.Contains("--dependency=afterok:100", sbatch.Calls[1]);
        Assert.Contains("--kill-on-invalid-dep=yes", sbatch.Calls[1]);
        Assert.Contains("--dependency=afterany:100:101", sbatch.Calls[2]);
        Assert.Contains("--output=" + Path.Combine(layout.Logs, "cells-%a.out"), sbatch.Calls[1]);
        Assert.True(Directory.Exists(layout.Logs));

        var record = JsonNode.Parse(File.ReadAllText(layout.Submissions))!.AsArray();
        Assert.Equal(["100", "101", "102"], record.Select(r => (string)r!["job_id"]!));
    }

    [Fact]
    public void A_resubmission_of_one_shard_without_sources_has_no_afterok_and_appends_to_the_record()
    {
        using var dir = new TempDir();
        var layout = ClusterLayout.Of(dir.Sub("run"));
        var sbatch = new FakeSbatch();
        SlurmSubmission.Submit(layout, [1], [1, 2, 3], sbatch);
        var again = SlurmSubmission.Submit(layout, [], [2], sbatch);
        Assert.Equal(["cells", "finish"], again.Select(j => j.Stage));
        Assert.Contains("--array=2", sbatch.Calls[3]);
        Assert.DoesNotContain(sbatch.Calls[3], a => a.StartsWith("--dependency", StringComparison.Ordinal));
        Assert.Contains("--dependency=afterany:103", sbatch.Calls[4]);
        Assert.Equal(5, JsonNode.Parse(File.ReadAllText(layout.Submissions))!.AsArray().Count);
    }

    [Fact]
    public void A_dry_run_submits_nothing_and_writes_nothing()
    {
        using var dir = new TempDir();
        var layout = ClusterLayout.Of(dir.Sub("run"));
        var jobs = SlurmSubmission.Submit(layout, [], [1, 2], null);
        Assert.All(jobs, j => Assert.Null(j.JobId));
        Assert.Contains("'--dependency=afterany:<cells job id>'", jobs[1].CommandLine, StringComparison.Ordinal);
        Assert.False(Directory.Exists(layout.Root));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 5 }, "1-3,5")]
    [InlineData(new[] { 4 }, "4")]
    [InlineData(new[] { 7, 1, 2, 9, 8 }, "1-2,7-9")]
    public void Task_lists_become_array_ranges(int[] tasks, string expected) => Assert.Equal(expected, SlurmSubmission.Ranges(tasks));
}
