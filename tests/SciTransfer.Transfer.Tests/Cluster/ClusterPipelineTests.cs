using System.Text.Json.Nodes;
using SciTransfer.Transfer.Cluster;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Tests.Cluster;

/// <summary>
/// The three cluster stages run in-process, as the Slurm jobs run them (no scheduler): pre-training, shards of a
/// plan sharing one sources/ cache, an interrupted shard, progress, finish with missing cells, the rerun, the merge.
/// </summary>
public class ClusterPipelineTests
{
    private const string Json = """
        { "study": "pipeline", "seed": 11, "repeats": 2,
          "problems": [ { "problem": "test/heavy" }, { "problem": "test/light" } ] }
        """;

    private static (StudyConfig Config, ClusterSpy Heavy, ClusterSpy Light) Study()
    {
        var heavy = new ClusterSpy("test/heavy", true, s => s == "fine-tune" ? CostClass.Heavy : CostClass.Cheap);
        var light = new ClusterSpy("test/light", false, _ => CostClass.Cheap);
        return (ClusterSpy.Study(Json, "pipeline.json", heavy, light), heavy, light);
    }

    private static RunOptions Shard(ClusterLayout layout, ShardPlan plan, int k) =>
        new(layout.Shard(k), 1, new ShardSpec(k, plan.Shards.Count), WriteReport: false) { Cells = plan.CellsOf(k), SourcesDirectory = layout.Sources };

    [Fact]
    public void Interrupted_shard_is_reported_with_its_missing_cells_and_the_rerun_merges_to_the_unsharded_summary()
    {
        using var dir = new TempDir();
        var (config, heavy, light) = Study();
        var layout = ClusterLayout.Of(dir.Sub("cluster run's folder"));
        var plan = ShardPlan.Build(config, CellCostModel.Declared(), 3);
        plan.Write(layout.Plan);

        // Stage a: one job per cacheable (problem, repeat).
        for (int k = 1; k <= plan.Pretrain.Count; k++)
        {
            Assert.True(SourcePretrainer.Run(config, plan.Pretrain[k - 1], layout.Sources, layout.Pretrain(k), new ProblemSettings(), "test"));
        }

        Assert.Equal(2, heavy.Inner.PretrainCalls);

        // Stage b: shards 1 and 3 complete; shard 2 stops after 2 cells (as SIGTERM at the time limit does).
        StudyRunner.Run(config, Shard(layout, plan, 1));
        StudyRunner.Run(config, Shard(layout, plan, 3));
        using (var cts = new CancellationTokenSource())
        {
            var run = Task.Run(() => StudyRunner.Run(config, Shard(layout, plan, 2) with { PauseAfterCells = 2 }, null, cts.Token));
            string marker = Path.Combine(layout.Shard(2), StudyRunner.PausedMarker);
            SpinWait.SpinUntil(() => File.Exists(marker) || run.IsCompleted, TimeSpan.FromMinutes(1));
            cts.Cancel();
            var e = Assert.Throws<AggregateException>(() => run.Wait());
            Assert.IsType<RunInterruptedException>(e.InnerException);
        }

        var progress = ClusterProgress.Read(layout);
        int planned2 = plan.Shards[1].Cells.Count;
        Assert.Equal(new ShardProgress(2, planned2, 2, 0, planned2 - 2, "interrupted"), progress.Shards[1]);
        Assert.All(new[] { progress.Shards[0], progress.Shards[2] }, s => Assert.Equal((s.Planned, 0, 0, "finished"), (s.Done, s.Failed, s.Missing, s.State)));
        Assert.All(progress.Pretrain, p => Assert.True(p.Done));
        Assert.Contains("shard 2: 2/" + planned2 + " done, 0 failed, " + (planned2 - 2) + " missing (interrupted)", progress.Format(), StringComparison.Ordinal);

        // Stage c, first time: nothing merged; missing.csv lists exactly shard 2's undone cells; the command names DIR quoted.
        var first = ClusterFinish.Run(layout);
        Assert.NotNull(first.ResubmitCommand);
        Assert.EndsWith("slurm resubmit '" + layout.Root.Replace("'", "'\\''", StringComparison.Ordinal) + "'", first.ResubmitCommand, StringComparison.Ordinal);
        Assert.False(Directory.Exists(layout.Merged));
        string[] missing = File.ReadAllLines(layout.Missing);
        Assert.Equal(ClusterFinish.MissingHeader, missing[0]);
        Assert.Equal(planned2 - 2, missing.Length - 1);
        Assert.All(missing.Skip(1), l => Assert.EndsWith(",2,missing", l, StringComparison.Ordinal));
        Assert.Equal([2], ClusterFinish.ShardsToRerun(first.Progress));
        Assert.Empty(ClusterFinish.PretrainToRerun(first.Progress));

        // The resubmitted shard resumes; then finish merges.
        StudyRunner.Run(config, Shard(layout, plan, 2));
        var second = ClusterFinish.Run(layout);
        Assert.Null(second.ResubmitCommand);
        Assert.Equal("finished", second.Progress.MergedState);
        Assert.False(File.Exists(layout.Missing));

        var (single, _, _) = Study();
        StudyRunner.Run(single, new RunOptions(dir.Sub("single"), 2, WriteReport: false));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("single"), "summary.csv")), File.ReadAllBytes(Path.Combine(layout.Merged, "summary.csv")));

        // Each source model was trained exactly once over all jobs: the cacheable ones by stage a, each
        // non-cacheable one by the single shard holding its cells.
        Assert.Equal(2, heavy.Inner.PretrainCalls);
        Assert.Equal(2, light.Inner.PretrainCalls);
        var trained = Directory.GetFiles(layout.Root, RunRecord.FileName, SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(layout.Merged, StringComparison.Ordinal))
            .SelectMany(f => ((JsonObject)JsonNode.Parse(File.ReadAllText(f))!)["sources_trained"]!.AsArray().Select(n => (string)n!))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["test/heavy#0", "test/heavy#1", "test/light#0", "test/light#1"], trained);
    }

    [Fact]
    public void A_pretrain_job_rerun_finds_the_cached_model_and_trains_nothing()
    {
        using var dir = new TempDir();
        var (config, heavy, _) = Study();
        var pair = new SourcePair("test/heavy", 1);
        Assert.True(SourcePretrainer.Run(config, pair, dir.Sub("sources"), dir.Sub("p1"), new ProblemSettings(), "test"));
        Assert.False(SourcePretrainer.Run(config, pair, dir.Sub("sources"), dir.Sub("p1"), new ProblemSettings(), "test"));
        Assert.Equal(1, heavy.Inner.PretrainCalls);
        Assert.Empty(((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Sub("p1"), RunRecord.FileName)))!)["sources_trained"]!.AsArray());
        Assert.Empty(Directory.GetFiles(dir.Sub("sources"), "*.tmp"));
    }

    [Fact]
    public void Status_of_a_folder_without_a_plan_names_the_missing_plan_file()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DataFormatException>(() => ClusterProgress.Read(ClusterLayout.Of(dir.Path)));
        Assert.Contains("plan.json", e.Message, StringComparison.Ordinal);
    }
}
