using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reference;

namespace SciTransfer.Transfer.Tests;

public class ConfigLoaderTests
{
    private static readonly ProblemCatalog Catalog = new([new ReferenceModule()]);

    private static ConfigException Reject(string json)
    {
        using var dir = new TempDir();
        string path = dir.File("study.json", json);
        var e = Assert.Throws<ConfigException>(() => StudyConfigLoader.Load(path, Catalog, new ProblemSettings()));
        Assert.Contains("study.json", e.Message, StringComparison.Ordinal);
        return e;
    }

    private const string Good = """
        { "study": "s", "seed": 1, "repeats": 2,
          "problems": [ { "problem": "reference/linear-shift", "sizes": [8, 4], "options": { "shift": 0.5 } } ] }
        """;

    [Fact]
    public void A_valid_config_resolves_defaults_and_sorts_sizes()
    {
        using var dir = new TempDir();
        var c = StudyConfigLoader.Load(dir.File("ok.json", Good), Catalog, new ProblemSettings());
        var p = Assert.Single(c.Problems);
        Assert.Equal([4, 8], p.Sizes);
        Assert.Equal(["scratch", "source-only", "fine-tune", "oracle", "coral", "importance-weighting"], p.StrategyNames);
        Assert.Equal(2, p.Repeats);
        Assert.Equal(0.5, ((LinearShiftProblem)p.Problem).Options.Shift);
        Assert.Contains("\"dimension\":20", c.Resolved.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_device_defaults_to_cpu_without_entering_the_resolved_config_and_is_read_when_given()
    {
        using var dir = new TempDir();
        var plain = StudyConfigLoader.Load(dir.File("plain.json", Good), Catalog, new ProblemSettings());
        Assert.Equal("cpu", plain.Device);
        Assert.DoesNotContain("device", plain.Resolved.ToJsonString(), StringComparison.Ordinal);

        var gpu = StudyConfigLoader.Load(dir.File("gpu.json", Good.Replace("\"repeats\": 2", "\"repeats\": 2, \"device\": \"ilgpu-cpu\"", StringComparison.Ordinal)), Catalog, new ProblemSettings());
        Assert.Equal("ilgpu-cpu", gpu.Device);
        Assert.Contains("\"device\":\"ilgpu-cpu\"", gpu.Resolved.ToJsonString(), StringComparison.Ordinal);

        // --set device=... (what run --device does) wins over the file's key.
        var set = StudyConfigLoader.Load(dir.File("set.json", Good.Replace("\"repeats\": 2", "\"repeats\": 2, \"device\": \"gpu\"", StringComparison.Ordinal)), Catalog, new ProblemSettings(), ["device=cpu"]);
        Assert.Equal("cpu", set.Device);
    }

    [Fact]
    public void An_unknown_device_is_rejected_naming_the_field_and_the_choices()
    {
        var e = Reject(Good.Replace("\"repeats\": 2", "\"repeats\": 2, \"device\": \"cuda\"", StringComparison.Ordinal));
        Assert.Equal("$.device", e.JsonPath);
        Assert.Contains("'cuda' is not one of: cpu, gpu, ilgpu-cpu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_device_batch_defaults_to_one_without_entering_the_resolved_config_and_is_range_checked()
    {
        using var dir = new TempDir();
        var plain = StudyConfigLoader.Load(dir.File("plain.json", Good), Catalog, new ProblemSettings());
        Assert.Equal(1, plain.DeviceBatch);
        Assert.DoesNotContain("device_batch", plain.Resolved.ToJsonString(), StringComparison.Ordinal);

        var set = StudyConfigLoader.Load(dir.File("set.json", Good), Catalog, new ProblemSettings(), ["device=ilgpu-cpu", "device_batch=16"]);
        Assert.Equal(16, set.DeviceBatch);
        Assert.Contains("\"device_batch\":16", set.Resolved.ToJsonString(), StringComparison.Ordinal);

        var e = Reject(Good.Replace("\"repeats\": 2", "\"repeats\": 2, \"device_batch\": 0", StringComparison.Ordinal));
        Assert.Equal("$.device_batch", e.JsonPath);
    }

    [Fact]
    public void An_unknown_top_level_key_is_rejected_with_its_path()
    {
        var e = Reject(Good.Replace("\"repeats\": 2", "\"repeats\": 2, \"threads\": 4", StringComparison.Ordinal));
        Assert.Equal("$.threads", e.JsonPath);
        Assert.Contains("unknown key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_problem_option_is_rejected_with_its_nested_path()
    {
        var e = Reject(Good.Replace("\"shift\": 0.5", "\"shfit\": 0.5", StringComparison.Ordinal));
        Assert.Equal("$.problems[0].options.shfit", e.JsonPath);
    }

    [Fact]
    public void A_wrong_type_is_rejected_naming_what_was_found()
    {
        var e = Reject(Good.Replace("\"repeats\": 2", "\"repeats\": \"two\"", StringComparison.Ordinal));
        Assert.Equal("$.repeats", e.JsonPath);
        Assert.Contains("string \"two\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_problem_is_rejected_listing_the_known_ones()
    {
        var e = Reject(Good.Replace("reference/linear-shift", "reference/nope", StringComparison.Ordinal));
        Assert.Equal("$.problems[0].problem", e.JsonPath);
        Assert.Contains("reference/linear-shift", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_strategy_is_rejected()
    {
        var e = Reject(Good.Replace("\"sizes\"", "\"strategies\": [\"scratch\", \"magic\"], \"sizes\"", StringComparison.Ordinal));
        Assert.Equal("$.problems[0].strategies", e.JsonPath);
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_sizes_are_rejected()
    {
        var e = Reject(Good.Replace("[8, 4]", "[]", StringComparison.Ordinal));
        Assert.Equal("$.problems[0].sizes", e.JsonPath);
    }

    [Fact]
    public void A_missing_required_field_is_rejected()
    {
        var e = Reject(Good.Replace("\"seed\": 1,", "", StringComparison.Ordinal));
        Assert.Equal("$.seed", e.JsonPath);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_rejected_with_a_line_number()
    {
        var e = Reject("{ \"study\": \"s\", ");
        Assert.StartsWith("line", e.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Quick_mode_keeps_three_sizes_and_at_most_two_repeats()
    {
        using var dir = new TempDir();
        string json = Good.Replace("[8, 4]", "[1, 2, 4, 8, 16, 32]", StringComparison.Ordinal).Replace("\"repeats\": 2", "\"repeats\": 5", StringComparison.Ordinal);
        var c = StudyConfigLoader.Load(dir.File("q.json", json), Catalog, new ProblemSettings(Quick: true));
        Assert.Equal([1, 8, 32], c.Problems[0].Sizes);
        Assert.Equal(2, c.Problems[0].Repeats);
    }
}
