using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Tests;

/// <summary>Issue 14: locks, merges against the plan, interruption, I/O faults, damaged caches, hostile input.</summary>
public class ReliabilityTests
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

    private static StudyConfig Load(TempDir dir, string json)
    {
        var catalog = new ProblemCatalog([new TestModule(new FixedFactory(new SpyProblem()))]);
        return StudyConfigLoader.Load(dir.File("study.json", json), catalog, new ProblemSettings());
    }

    private static string[] Rows(string dir) =>
        [.. ResultsFile.Read(Path.Combine(dir, "results.csv")).Select(r => r with { FitSeconds = 0 }).Select(ResultsFile.Format).Order(StringComparer.Ordinal)];

    // 1. output folder lock

    private static void OnAnotherThread(Action action)
    {
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        });
        thread.Start();
        thread.Join();
        if (thrown is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
        }
    }

    [Fact]
    public void A_held_output_folder_is_refused_naming_the_holder_and_is_free_again_after_release()
    {
        using var dir = new TempDir();
        string outDir = dir.Sub("out");
        using (OutputLock.Acquire(outDir, "run"))
        {
            // Another caller (another thread; a thread holding a folder may re-enter it, a merge then its report).
            var e = Assert.Throws<ConfigException>(() => OnAnotherThread(() => StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir))));
            Assert.Contains($"pid {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
            Assert.Contains("scitransfer run", e.Message, StringComparison.Ordinal);
            Assert.Throws<ConfigException>(() => OnAnotherThread(() => OutputFolder.Rebuild(outDir)));
            Assert.False(File.Exists(Path.Combine(outDir, "results.csv")));
        }

        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir));
        Assert.Equal(72, Rows(outDir).Length);
    }

    // 2. merge against the plan

    private static void Shards(TempDir dir, params int[] which)
    {
        foreach (int k in which)
        {
            StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub($"s{k}"), Shard: new ShardSpec(k, 3)));
        }
    }

    [Fact]
    public void A_merge_with_a_missing_shard_is_an_error_listing_the_missing_cells()
    {
        using var dir = new TempDir();
        Shards(dir, 1, 2);
        var e = Assert.Throws<ConfigException>(() => ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2")], dir.Sub("m")));
        Assert.Contains("12 of 36 cells", e.Message, StringComparison.Ordinal);
        Assert.Contains("3/3", e.Message, StringComparison.Ordinal);
        Assert.Contains("test/spy/", e.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-partial", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Sub("m"), "results.csv")));
    }

    [Fact]
    public void A_partial_merge_when_allowed_says_partial_in_run_json_and_the_report_facts()
    {
        using var dir = new TempDir();
        Shards(dir, 1, 2);
        int rows = ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2")], dir.Sub("m"), allowPartial: true);
        Assert.Equal(24 * 2, rows);
        var record = RunRecord.Read(dir.Sub("m"));
        Assert.Equal("partial: 24 of 36 cells", RunRecord.Text(record, "partial"));
        Assert.Contains(OutputFolder.Facts(record), f => f.Key == "partial" && f.Value == "partial: 24 of 36 cells");
    }

    [Fact]
    public void Merging_shards_of_different_counts_a_cut_off_shard_or_into_another_studys_folder_is_refused()
    {
        using var dir = new TempDir();
        Shards(dir, 1, 2, 3);
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("two"), Shard: new ShardSpec(2, 4)));
        var counts = Assert.Throws<ConfigException>(() => ShardMerger.Merge([dir.Sub("s1"), dir.Sub("two")], dir.Sub("m1")));
        Assert.Contains("different shard counts", counts.Message, StringComparison.Ordinal);

        string results = Path.Combine(dir.Sub("s3"), "results.csv");
        File.WriteAllText(results, File.ReadAllText(results)[..^5]);
        var cut = Assert.Throws<DataFormatException>(() => ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2"), dir.Sub("s3")], dir.Sub("m2")));
        Assert.Contains("cut off", cut.Message, StringComparison.Ordinal);
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("s3"), Shard: new ShardSpec(3, 3))); // repairs it

        StudyRunner.Run(Config(new SpyProblem(), SpyStudy.Replace("99", "7", StringComparison.Ordinal)), new RunOptions(dir.Sub("other")));
        var other = Assert.Throws<ConfigException>(() => ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2"), dir.Sub("s3")], dir.Sub("other")));
        Assert.Contains("not a merge", other.Message.Replace("holds a run, not a merge", "not a merge", StringComparison.Ordinal), StringComparison.Ordinal);
        Directory.CreateDirectory(dir.Sub("junk"));
        File.WriteAllText(Path.Combine(dir.Sub("junk"), "notes.txt"), "mine");
        Assert.Throws<ConfigException>(() => ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2"), dir.Sub("s3")], dir.Sub("junk")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Sub("junk"), "notes.txt")));

        // A complete merge, then the same merge again into its own folder, is fine.
        ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2"), dir.Sub("s3")], dir.Sub("m3"));
        Assert.Equal(72, ShardMerger.Merge([dir.Sub("s1"), dir.Sub("s2"), dir.Sub("s3")], dir.Sub("m3")));
        Assert.Equal("finished", RunRecord.Text(RunRecord.Read(dir.Sub("m3")), "status"));
    }

    // 3. interruption (in process; the signal itself is tested with a child process in the CLI tests)

    [Fact]
    public void A_cancelled_run_saves_finished_cells_marks_run_json_interrupted_and_resumes_to_the_full_result()
    {
        using var dir = new TempDir();
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("full")));
        string outDir = dir.Sub("out");
        using var cts = new CancellationTokenSource();
        var options = new RunOptions(outDir, Threads: 1) { PauseAfterCells = 5 };
        var run = Task.Run(() => StudyRunner.Run(Config(new SpyProblem()), options, null, cts.Token));
        string marker = Path.Combine(outDir, StudyRunner.PausedMarker);
        Assert.True(SpinWait.SpinUntil(() => File.Exists(marker), TimeSpan.FromMinutes(1)), "the run never paused");
        cts.Cancel();
        var e = Assert.Throws<RunInterruptedException>(() => run.GetAwaiter().GetResult());
        Assert.Equal(5, e.CellsSaved);
        Assert.Equal(36, e.CellsTotal);
        Assert.Equal("interrupted: 5 of 36 cells saved; rerun the same command to resume", e.Message);
        Assert.Equal("interrupted", RunRecord.Text(RunRecord.Read(outDir), "status"));
        Assert.Equal(10, Rows(outDir).Length);

        File.Delete(marker);
        var resumed = StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir, Threads: 2));
        Assert.Equal(31, resumed.CellsRun);
        Assert.Equal(Rows(dir.Sub("full")), Rows(outDir));
    }

    // 4. I/O faults

    [Fact]
    public void A_full_disk_mid_write_is_an_output_error_naming_the_file_and_a_resume_repairs_it_exactly()
    {
        using var dir = new TempDir();
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(dir.Sub("full")));
        string outDir = dir.Sub("out");
        var e = Assert.Throws<OutputException>(() => StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir, Threads: 2) { DiskFullAfterCells = 4 }));
        Assert.Equal(Path.Combine(outDir, "results.csv"), e.Path);
        Assert.Equal("No space left on device", e.Reason);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(File.ReadAllText(Path.Combine(outDir, "results.csv")).EndsWith('\n')); // a cut-off line, as a real full disk leaves

        var resumed = StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir, Threads: 2));
        Assert.Equal(32, resumed.CellsRun);
        Assert.Equal(Rows(dir.Sub("full")), Rows(outDir));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("full"), "summary.csv")), File.ReadAllBytes(Path.Combine(outDir, "summary.csv")));
    }

    [Fact]
    public void An_access_denied_fault_reads_as_one_line_with_the_path_and_the_os_reason()
    {
        var fault = new UnauthorizedAccessException("Access to the path '/x/run.json.tmp' is denied.", new IOException("Permission denied", 13));
        var e = OutputException.From("/x/run.json", fault);
        Assert.Equal("cannot write /x/run.json: Permission denied", e.Message);
        Assert.Equal("cannot write /x/r.csv: No space left on device", OutputException.From("/x/r.csv", new IOException("No space left on device : '/x/r.csv'")).Message);
    }

    // 6. silent acceptance

    [Fact]
    public void A_duplicated_key_in_a_config_is_an_error_naming_its_path()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, """
            { "study": "spy", "seed": 1, "problems": [ { "problem": "test/spy", "sizes": [2], "sizes": [4] } ] }
            """));
        Assert.Equal("$.problems[0].sizes", e.JsonPath);
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
        var top = Assert.Throws<ConfigException>(() => Load(dir, """{ "study": "spy", "seed": 1, "seed": 2, "problems": [ { "problem": "test/spy" } ] }"""));
        Assert.Equal("$.seed", top.JsonPath);
    }

    [Theory]
    [InlineData("\"sizes\": null", "$.problems[0].sizes")]
    [InlineData("\"repeats\": null", "$.problems[0].repeats")]
    [InlineData("\"options\": null", "$.problems[0].options")]
    [InlineData("\"strategies\": null", "$.problems[0].strategies")]
    public void An_explicit_null_is_an_error_not_the_default(string entry, string path)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, $$"""{ "study": "spy", "seed": 1, "problems": [ { "problem": "test/spy", {{entry}} } ] }"""));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains("null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_results_row_with_an_extra_field_is_a_data_error_naming_the_row()
    {
        using var dir = new TempDir();
        string path = dir.File("results.csv", ResultsFile.Header + "\nspy,test/spy,scratch,2,0,1,error,0.5,0.1\nspy,test/spy,scratch,2,0,1,score,0.5,0.1,extra\n");
        var e = Assert.Throws<DataFormatException>(() => ResultsFile.Read(path));
        Assert.Equal(3, e.Row);
        Assert.Contains("expected 9 fields, found 10", e.Message, StringComparison.Ordinal);
    }

    // 7. damaged source cache

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip")]
    [InlineData("old-format")]
    public void A_damaged_or_stale_source_cache_is_named_moved_aside_and_retrained(string damage)
    {
        using var dir = new TempDir();
        string outDir = dir.Sub("out");
        StudyRunner.Run(Config(new SpyProblem()), new RunOptions(outDir, Threads: 1));
        string cache = Path.Combine(outDir, "sources", "test_spy.r1.bin");
        byte[] bytes = File.ReadAllBytes(cache);
        byte[] damaged = damage switch
        {
            "truncate" => bytes[..^3],
            "flip" => [.. bytes[..^1], (byte)(bytes[^1] ^ 0x55)],
            _ => bytes[^8..], // a bare payload, as caches were written before they had a header
        };
        File.WriteAllBytes(cache, damaged);

        // Drop one cell of repeat 1 so the resume needs that repeat's source model.
        string results = Path.Combine(outDir, "results.csv");
        File.WriteAllLines(results, File.ReadAllLines(results).Where(l => !l.Contains(",source-only,16,1,", StringComparison.Ordinal)));
        var spy = new SpyProblem();
        var outcome = StudyRunner.Run(Config(spy), new RunOptions(outDir, Threads: 1));
        Assert.Equal(1, outcome.CellsRun);
        Assert.Equal(1, spy.PretrainCalls);
        Assert.Equal(damaged, File.ReadAllBytes(cache + ".damaged"));
        Assert.Equal(bytes, File.ReadAllBytes(cache)); // retrained and rewritten, bit for bit
        var warnings = RunRecord.Read(outDir)["warnings"]!.AsArray().Select(w => (string)w!).ToList();
        Assert.Contains(warnings, w => w.Contains(cache, StringComparison.Ordinal) && w.Contains("moved it to test_spy.r1.bin.damaged", StringComparison.Ordinal));
    }

    // 8. names

    [Theory]
    [InlineData("bad\nid", "unprintable")]
    [InlineData("a,b", "breaks CSV")]
    [InlineData("say \\\"hi\\\"", "breaks CSV")]
    [InlineData(" padded", "white space")]
    public void A_problem_id_that_would_break_csv_or_file_names_is_a_config_error(string id, string why)
    {
        using var dir = new TempDir();
        string json = $$"""{ "study": "spy", "seed": 1, "problems": [ { "problem": "test/spy", "id": "{{id.Replace("\n", "\\n", StringComparison.Ordinal)}}" } ] }""";
        var e = Assert.Throws<ConfigException>(() => Load(dir, json));
        Assert.Equal("$.problems[0].id", e.JsonPath);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_300_character_id_is_a_config_error_and_ids_with_slashes_are_fine()
    {
        using var dir = new TempDir();
        string longId = new('x', 300);
        var e = Assert.Throws<ConfigException>(() => Load(dir, $$"""{ "study": "spy", "seed": 1, "problems": [ { "problem": "test/spy", "id": "{{longId}}" } ] }"""));
        Assert.Contains("300 characters long; the limit is 120", e.Message, StringComparison.Ordinal);
        Assert.Equal("quantum/fashion-to-digits/qcnn", Load(dir, """{ "study": "spy", "seed": 1, "problems": [ { "problem": "test/spy", "id": "quantum/fashion-to-digits/qcnn" } ] }""").Problems[0].Id);
        var clash = Assert.Throws<ConfigException>(() => Load(dir, """{ "study": "spy", "seed": 1, "problems": [ { "problem": "test/spy", "id": "a/b" }, { "problem": "test/spy", "id": "a_b" } ] }"""));
        Assert.Equal("$.problems[1].id", clash.JsonPath);
        Assert.Contains("same file name", clash.Message, StringComparison.Ordinal);
    }

    // 9. time left

    [Fact]
    public void The_time_left_is_costed_per_strategy_not_by_the_mean_of_cheap_cells_run_first()
    {
        var cells = new List<CellKey>();
        for (int n = 1; n <= 10; n++)
        {
            cells.Add(new CellKey("p", "cheap", n, 0));
            cells.Add(new CellKey("p", "costly", n, 0));
        }

        var eta = new EtaEstimator(cells, threads: 1);
        Assert.Null(eta.Remaining);
        foreach (var c in cells.Where(c => c.Strategy == "cheap"))
        {
            eta.Finished(c, 1);
        }

        eta.Finished(cells.First(c => c.Strategy == "costly"), 10);

        // Naive: 20 s over 11 cells x 9 left = 16 s. Per strategy: 9 costly cells x 10 s.
        Assert.Equal(90, eta.Remaining!.Value.TotalSeconds, 6);

        var two = new EtaEstimator(cells, threads: 2);
        two.Finished(cells[0], 1);
        two.Finished(cells[1], 10);

        // Unmeasured groups fall back to their problem's mean; 18 cells at 2 threads: (9 x 1 + 9 x 10) / 2.
        Assert.Equal(49.5, two.Remaining!.Value.TotalSeconds, 6);
    }
}
