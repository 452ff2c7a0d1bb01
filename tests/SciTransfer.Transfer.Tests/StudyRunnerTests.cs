using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Tests;

public class StudyRunnerTests
{
    private const string SpyStudy = """
        { "study": "spy", "seed": 99, "repeats": 3,
          "problems": [ { "problem": "test/spy" } ] }
        """;

    private static StudyConfig Config(SpyProblem problem, string json = SpyStudy)
    {
        var catalog = new ProblemCatalog([new TestModule(new FixedFactory(problem))]);
        using var doc = JsonDocument.Parse(json);
        return StudyConfigLoader.Parse("spy.json", doc.RootElement, catalog, new ProblemSettings());
    }

    private static string[] SortedRowsWithoutTimings(string dir) =>
        [.. ResultsFile.Read(Path.Combine(dir, "results.csv")).Select(r => r with { FitSeconds = 0 }).Select(ResultsFile.Format).Order(StringComparer.Ordinal)];

    [Fact]
    public void Target_subsets_are_nested_within_a_repeat_and_identical_across_strategies()
    {
        var spy = new SpyProblem();
        using var dir = new TempDir();
        StudyRunner.Run(Config(spy), new RunOptions(dir.Sub("out"), Threads: 2));
        for (int r = 0; r < 3; r++)
        {
            int[] sizes = [2, 4, 8, 16];
            for (int k = 0; k + 1 < sizes.Length; k++)
            {
                int[] small = spy.Seen[("scratch", sizes[k], r)];
                int[] large = spy.Seen[("scratch", sizes[k + 1], r)];
                Assert.Equal(sizes[k], small.Length);
                Assert.Equal(small, large.Take(small.Length));
            }

            foreach (int n in sizes)
            {
                Assert.Equal(spy.Seen[("scratch", n, r)], spy.Seen[("fine-tune", n, r)]);
                Assert.Equal(spy.Seen[("scratch", n, r)], spy.Seen[("source-only", n, r)]);
            }
        }

        Assert.NotEqual(spy.Seen[("scratch", 16, 0)], spy.Seen[("scratch", 16, 1)]);
    }

    [Fact]
    public void One_and_two_threads_give_the_same_rows_and_a_byte_identical_summary()
    {
        using var dir = new TempDir();
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("t1"), Threads: 1));
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("t2"), Threads: 2));
        Assert.Equal(SortedRowsWithoutTimings(dir.Sub("t1")), SortedRowsWithoutTimings(dir.Sub("t2")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("t1"), "summary.csv")), File.ReadAllBytes(Path.Combine(dir.Sub("t2"), "summary.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("t1"), "summary.parquet")), File.ReadAllBytes(Path.Combine(dir.Sub("t2"), "summary.parquet")));
        Assert.True(File.Exists(Path.Combine(dir.Sub("t1"), "results.parquet")));
        Assert.Equal(3 * 3 * 4 * 2, SortedRowsWithoutTimings(dir.Sub("t1")).Length);
    }

    [Fact]
    public void A_rerun_with_cut_off_rows_redoes_only_the_cut_cell_and_duplicates_nothing()
    {
        using var dir = new TempDir();
        string full = dir.Sub("full"), cut = dir.Sub("cut");
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(full, Threads: 1));
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(cut, Threads: 1));

        // Simulate a kill in the middle of writing: drop the last cell's second row and half of its first row.
        string path = Path.Combine(cut, "results.csv");
        string text = File.ReadAllText(path);
        string[] lines = text.TrimEnd('\n').Split('\n');
        string truncated = string.Join('\n', lines[..^2]) + "\n" + lines[^2][..(lines[^2].Length / 2)];
        File.WriteAllText(path, truncated);

        var resumed = new SpyProblem();
        var outcome = StudyRunner.Run(Config(resumed), new RunOptions(cut, Threads: 2));
        Assert.Equal(1, outcome.CellsRun);
        Assert.Equal(0, resumed.PretrainCalls); // the source model came from the on-disk cache
        Assert.Equal(SortedRowsWithoutTimings(full), SortedRowsWithoutTimings(cut));
        var again = StudyRunner.Run(Config(new SpyProblem()), new RunOptions(cut, Threads: 2));
        Assert.Equal(0, again.CellsRun);
        Assert.Equal(SortedRowsWithoutTimings(full), SortedRowsWithoutTimings(cut));
    }

    [Fact]
    public void Shards_merged_together_equal_the_unsharded_run()
    {
        using var dir = new TempDir();
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("all"), Threads: 2));
        int cells = 0;
        for (int k = 1; k <= 3; k++)
        {
            cells += StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub($"s{k}"), Threads: 1, Shard: new ShardSpec(k, 3))).CellsRun;
        }

        Assert.Equal(36, cells);
        ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2"), dir.Sub("s3")], dir.Sub("merged"));
        Assert.Equal(SortedRowsWithoutTimings(dir.Sub("all")), SortedRowsWithoutTimings(dir.Sub("merged")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("all"), "summary.csv")), File.ReadAllBytes(Path.Combine(dir.Sub("merged"), "summary.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("all"), "summary.parquet")), File.ReadAllBytes(Path.Combine(dir.Sub("merged"), "summary.parquet")));
    }

    [Fact]
    public void A_failing_cell_is_recorded_the_other_cells_run_and_a_rerun_retries_exactly_the_failed_cells()
    {
        using var dir = new TempDir();
        string outDir = dir.Sub("out");
        var e = Assert.Throws<CellFailedException>(() => StudyRunner.Run(Config(new SpyProblem(failOn: "fine-tune")), new RunOptions(outDir, Threads: 2)));
        Assert.StartsWith("test/spy/fine-tune/n=", e.Cell, StringComparison.Ordinal);
        Assert.Contains("deliberate failure", e.Message, StringComparison.Ordinal);
        Assert.Equal(12, e.Failures.Count); // 3 repeats x 4 sizes of fine-tune
        Assert.All(e.Failures, f => Assert.Equal("error", f.Reason));
        var rows = ResultsFile.Read(Path.Combine(outDir, "results.csv"));
        Assert.Equal(2 * 12 * 2, rows.Count); // scratch and source-only ran in full, two metrics each
        Assert.DoesNotContain(rows, r => r.Strategy == "fine-tune");
        string[] failures = File.ReadAllLines(Path.Combine(outDir, "failures.csv"));
        Assert.Equal("problem,strategy,n_target,repeat,reason,exception,message", failures[0]);
        Assert.Equal(13, failures.Length);
        Assert.All(failures.Skip(1), l => Assert.Contains(",fine-tune,", l, StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException,deliberate failure", failures[1], StringComparison.Ordinal);
        using (var csv = SciTransfer.Transfer.Tables.CsvTableReader.Open(Path.Combine(outDir, "failures.csv"), failures[0].Split(',')))
        {
            // The shared strict reader takes the log back: 12 rows, one per failed cell, none twice.
            var cells = new HashSet<(int, int)>();
            while (csv.Next())
            {
                Assert.Equal(("fine-tune", "error"), (csv.Text("strategy"), csv.Text("reason")));
                Assert.True(cells.Add((csv.Integer("n_target", 0, 1000), csv.Integer("repeat", 0, 10))));
            }

            Assert.Equal(12, cells.Count);
        }

        Assert.Equal("failed", RunRecord.Text(RunRecord.Read(outDir), "status"));

        var again = StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir, Threads: 2));
        Assert.Equal(12, again.CellsRun);
        Assert.Equal(24, again.CellsSkipped);
        Assert.False(File.Exists(Path.Combine(outDir, "failures.csv")));
    }

    [Fact]
    public void A_cell_returning_an_infinite_metric_fails_as_diverged_and_the_others_are_kept()
    {
        using var dir = new TempDir();
        string outDir = dir.Sub("out");
        var e = Assert.Throws<CellFailedException>(() => StudyRunner.Run(Config(new SpyProblem(divergeOn: "source-only")), new RunOptions(outDir, Threads: 1)));
        Assert.Equal(12, e.Failures.Count);
        Assert.All(e.Failures, f => Assert.Equal("diverged", f.Reason));
        Assert.Contains("diverged", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ResultsFile.Read(Path.Combine(outDir, "results.csv")), r => double.IsInfinity(r.Value));
        Assert.Contains(",diverged,DivergedException,metric 'error' is", File.ReadAllText(Path.Combine(outDir, "failures.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_data_met_while_creating_a_repeat_keeps_its_data_error_instead_of_a_cell_failure()
    {
        using var dir = new TempDir();
        var bad = new DataFormatException("weather.csv", 12, "rh", "relative humidity 140 % is out of range");
        var e = Assert.Throws<DataFormatException>(() => StudyRunner.Run(Config(new SpyProblem(failOnCreate: bad)), new RunOptions(dir.Sub("out"), Threads: 2)));
        Assert.Equal(12, e.Row);
        Assert.Equal("rh", e.Column);
    }

    [Fact]
    public void A_folder_of_another_study_is_not_resumed()
    {
        using var dir = new TempDir();
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("out"), Threads: 1));
        var other = Config(new SpyProblem(), SpyStudy.Replace("\"seed\": 99", "\"seed\": 100", StringComparison.Ordinal));
        var e = Assert.Throws<ConfigException>(() => StudyRunner.Run(other, new RunOptions(dir.Sub("out"), Threads: 1)));
        Assert.Contains("run.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_results_file_gives_an_error_naming_the_row_and_column()
    {
        using var dir = new TempDir();
        string out1 = dir.Sub("out");
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(out1, Threads: 1));
        string path = Path.Combine(out1, "results.csv");
        var lines = File.ReadAllLines(path);
        lines[3] = lines[3].Replace(",error,", ",error,", StringComparison.Ordinal).Replace(lines[3].Split(',')[7], "abc", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<DataFormatException>(() => StudyRunner.Run(Config(new SpyProblem()), new RunOptions(out1, Threads: 1)));
        Assert.Equal(4, e.Row);
        Assert.Equal("value", e.Column);
        Assert.Contains("results.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_json_records_the_resolved_config_seeds_and_version()
    {
        using var dir = new TempDir();
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("out"), Threads: 1, Version: "git:abc"));
        var record = RunRecord.Read(dir.Sub("out"));
        Assert.Equal("git:abc", RunRecord.Text(record, "version"));
        Assert.Equal("finished", RunRecord.Text(record, "status"));
        Assert.Equal(3, record["seeds"]!.AsArray().Count);
        Assert.Equal(3, (int)record["config"]!["repeats"]!);
        Assert.Equal("test/spy", RunRecord.Problems(record, dir.Sub("out")).Single().Id);
    }

    [Fact]
    public void Run_json_records_the_device_and_its_accelerator_and_a_resume_on_another_device_is_refused()
    {
        using var dir = new TempDir();
        var cpu = new SpyProblem();
        StudyRunner.Run(Config(cpu), new RunOptions(dir.Sub("cpu"), Threads: 1));
        var record = RunRecord.Read(dir.Sub("cpu"));
        Assert.Equal("cpu", RunRecord.Text(record, "device"));
        Assert.Empty(record["accelerators"]!.AsArray());
        Assert.Equal("cpu", cpu.DeviceSeen);

        SciTransfer.Core.Gpu.EngineDevices.Acquire("ilgpu-cpu");
        var device = new SpyProblem();
        StudyRunner.Run(Config(device), new RunOptions(dir.Sub("dev"), Threads: 1) { Device = "ilgpu-cpu" });
        record = RunRecord.Read(dir.Sub("dev"));
        Assert.Equal("ilgpu-cpu", RunRecord.Text(record, "device"));
        Assert.StartsWith("ilgpu-cpu: CPU", (string)record["accelerators"]!.AsArray().Single()!, StringComparison.Ordinal);
        Assert.Equal("ilgpu-cpu", device.DeviceSeen);

        var e = Assert.Throws<ConfigException>(() => StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("dev"), Threads: 1)));
        Assert.Equal("$.device", e.JsonPath);
    }
}
