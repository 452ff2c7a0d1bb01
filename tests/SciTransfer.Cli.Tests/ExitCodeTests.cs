namespace SciTransfer.Cli.Tests;

public class ExitCodeTests
{
    private static (int Code, string Out, string Err) Invoke(Func<Commands, int> action)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = action(new Commands(o, e));
        return (code, o.ToString(), e.ToString());
    }

    private const string Study = """
        { "study": "cli", "seed": 3, "repeats": 2,
          "problems": [ { "problem": "reference/linear-shift", "sizes": [4, 16], "options": { "test_size": 200, "source_samples": 200 } } ] }
        """;

    [Theory]
    [InlineData("\"repeats\": 2", "\"repeats\": 2, \"colour\": 1", "$.colour")]
    [InlineData("\"seed\": 3", "\"seed\": \"three\"", "$.seed")]
    [InlineData("reference/linear-shift", "reference/unknown", "$.problems[0].problem")]
    [InlineData("\"sizes\": [4, 16]", "\"sizes\": [4, 16], \"strategies\": [\"nope\"]", "$.problems[0].strategies")]
    [InlineData("\"sizes\": [4, 16]", "\"sizes\": []", "$.problems[0].sizes")]
    [InlineData("\"sizes\": [4, 16]", "\"sizes\": null", "$.problems[0].sizes")]
    [InlineData("\"seed\": 3", "\"seed\": 3, \"seed\": 4", "$.seed")]
    [InlineData("\"options\": {", "\"id\": \"two\\nlines\", \"options\": {", "$.problems[0].id")]
    public void A_bad_config_exits_with_code_1_and_names_the_file_and_field(string from, string to, string path)
    {
        using var dir = new TempDir();
        string cfg = dir.File("bad-study.json", Study.Replace(from, to, StringComparison.Ordinal));
        var (code, _, err) = Invoke(c => c.Run(cfg, dir.Sub("out"), false, 1, null, "managed"));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("bad-study.json", err, StringComparison.Ordinal);
        Assert.Contains(path, err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_shard_or_backend_is_a_usage_error()
    {
        using var dir = new TempDir();
        string cfg = dir.File("s.json", Study);
        Assert.Equal(ExitCodes.BadConfig, Invoke(c => c.Run(cfg, dir.Sub("o"), false, 1, "3/2", "managed")).Code);
        Assert.Equal(ExitCodes.BadConfig, Invoke(c => c.Run(cfg, dir.Sub("o"), false, 1, null, "cuda")).Code);
        Assert.Equal(ExitCodes.BadConfig, Invoke(c => c.Bench("no-such-workload", [])).Code);
    }

    [Fact]
    public void A_bad_device_names_the_option_or_the_config_field()
    {
        using var dir = new TempDir();
        string cfg = dir.File("s.json", Study);
        var (code, _, err) = Invoke(c => c.Run(cfg, dir.Sub("o"), false, 1, null, "managed", device: "cuda"));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--device", err, StringComparison.Ordinal);
        Assert.Contains("expected cpu, gpu, ilgpu-cpu, found 'cuda'", err, StringComparison.Ordinal);

        string bad = dir.File("d.json", Study.Replace("\"repeats\": 2", "\"repeats\": 2, \"device\": \"tpu\"", StringComparison.Ordinal));
        (code, _, err) = Invoke(c => c.Run(bad, dir.Sub("o2"), false, 1, null, "managed"));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("$.device", err, StringComparison.Ordinal);
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void A_run_writes_results_summary_plots_and_report_and_a_corrupt_results_file_exits_with_code_2()
    {
        using var dir = new TempDir();
        string cfg = dir.File("s.json", Study);
        string outDir = dir.Sub("out");
        var (code, _, err) = Invoke(c => c.Run(cfg, outDir, false, 2, null, "managed"));
        Assert.True(code == 0, err);
        foreach (string f in new[] { "results.csv", "summary.csv", "run.json", "report.md" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        }

        Assert.NotEmpty(Directory.GetFiles(outDir, "*.svg"));
        File.AppendAllText(Path.Combine(outDir, "results.csv"), "cli,reference/linear-shift,scratch,4,0,1,rmse,oops,0.1\n");
        var (code2, _, err2) = Invoke(c => c.Report(outDir));
        Assert.Equal(ExitCodes.BadData, code2);
        Assert.Contains("results.csv", err2, StringComparison.Ordinal);
        Assert.Contains("'value'", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void List_names_the_reference_problem_its_strategies_and_metrics()
    {
        var (code, output, _) = Invoke(c => c.List("experiments"));
        Assert.Equal(0, code);
        Assert.Contains("reference/linear-shift", output, StringComparison.Ordinal);
        Assert.Contains("scratch, source-only, fine-tune, oracle", output, StringComparison.Ordinal);
    }
}
