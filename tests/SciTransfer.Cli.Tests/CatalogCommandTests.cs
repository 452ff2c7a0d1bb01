using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SciTransfer.Cli.Tests;

/// <summary><c>list --options/--json</c>, <c>schema</c>, <c>init</c> and <c>run --set</c>.</summary>
public class CatalogCommandTests
{
    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip };

    private static (int Code, string Out, string Err) Invoke(Func<Commands, int> action)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = action(new Commands(o, e));
        return (code, o.ToString(), e.ToString());
    }

    // Built once: JsonSchema.Net registers a schema's $id globally and refuses a second registration.
    private static readonly Lazy<JsonSchema> CachedSchema = new(() =>
    {
        var (code, text, err) = Invoke(c => c.Schema(null));
        Assert.True(code == ExitCodes.Ok, err);
        return JsonSchema.FromText(text);
    });

    private static JsonSchema Schema() => CachedSchema.Value;

    private static EvaluationResults Validate(JsonSchema schema, string configText)
    {
        using var doc = JsonDocument.Parse(configText, Jsonc);
        return schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults r) =>
        string.Join("; ", (r.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));

    public static TheoryData<string> Studies() => ShippedConfigTests.Studies();

    [Theory]
    [MemberData(nameof(Studies))]
    public void Every_shipped_study_validates_against_the_generated_schema(string file)
    {
        string text = File.ReadAllText(Path.Combine(QuickstartDeterminismTests.RepositoryRoot(), "experiments", file));
        var result = Validate(Schema(), text);
        Assert.True(result.IsValid, file + ": " + Errors(result));
    }

    [Theory]
    [InlineData("\"options\": { \"shift\": 0.3", "\"options\": { \"shfit\": 0.3")]
    [InlineData("\"options\": { \"shift\": 0.3", "\"options\": { \"shift\": -1")]
    [InlineData("\"sizes\": [4, 8]", "\"sizes\": [4, 8], \"strategies\": [\"nope\"]")]
    [InlineData("\"repeats\": 2", "\"repeats\": 2, \"colour\": 1")]
    public void The_schema_rejects_what_the_loader_rejects(string from, string to)
    {
        const string Good = """{ "study": "s", "seed": 1, "repeats": 2, "problems": [ { "problem": "reference/linear-shift", "sizes": [4, 8], "options": { "shift": 0.3 } } ] }""";
        var schema = Schema();
        Assert.True(Validate(schema, Good).IsValid);
        string bad = Good.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Good, bad);
        Assert.False(Validate(schema, bad).IsValid, bad);
    }

    [Fact]
    public void List_json_shows_every_problem_with_strategies_needs_metrics_and_options()
    {
        var (code, text, _) = Invoke(c => c.List("experiments", json: true));
        Assert.Equal(ExitCodes.Ok, code);
        var root = JsonNode.Parse(text)!;
        var problems = root["problems"]!.AsArray();
        Assert.Equal(Catalog.Create().ProblemNames.Count(), problems.Count);
        foreach (var p in problems)
        {
            string name = (string)p!["name"]!;
            var strategies = p["strategies"]!.AsArray();
            Assert.Contains(strategies, s => (string)s!["name"]! == "scratch");
            Assert.All(strategies, s => Assert.NotNull(s!["needs"]));
            Assert.NotEmpty(p["metrics"]!.AsArray());
            Assert.True(p["options"]!.AsArray().Count > 0, name + " declares no options");
            Assert.All(p["options"]!.AsArray(), o => Assert.False(string.IsNullOrWhiteSpace((string?)o!["doc"]), $"{name}.{o!["name"]} has no doc"));
        }

        var reference = problems.Single(p => (string)p!["name"]! == "reference/linear-shift")!;
        var fineTune = reference["strategies"]!.AsArray().Single(s => (string)s!["name"]! == "fine-tune")!;
        Assert.Equal(["source", "target_labels"], fineTune["needs"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void List_json_offers_input_level_adaptation_on_the_forests_and_the_feature_reading_quantum_models_only()
    {
        var (code, text, _) = Invoke(c => c.List("experiments", json: true));
        Assert.Equal(ExitCodes.Ok, code);
        var problems = JsonNode.Parse(text)!["problems"]!.AsArray();
        string[] Offered(string problem) =>
            [.. problems.Single(p => (string)p!["name"]! == problem)!["strategies"]!.AsArray().Select(s => (string)s!["name"]!)];
        foreach (string problem in new[] { "epidemiology/small-area-growth", "quantum/fashion-to-digits", "reference/covariate-shift" })
        {
            Assert.Contains("coral", Offered(problem));
            Assert.Contains("importance-weighting", Offered(problem));
        }

        // Listed with default options: ising-to-xxz's default model is the amplitude-encoded QCNN, which reads the
        // ground state, not the features that input-level adaptation changes.
        Assert.DoesNotContain("coral", Offered("quantum/ising-to-xxz"));
        var coral = problems.Single(p => (string)p!["name"]! == "epidemiology/small-area-growth")!["strategies"]!.AsArray().Single(s => (string)s!["name"]! == "coral")!;
        Assert.Contains("unlabelled_target", coral["needs"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Option_dependent_strategies_are_listed_and_a_config_using_them_validates_against_the_schema()
    {
        var o = new StringWriter();
        Assert.Equal(ExitCodes.Ok, new Commands(o, new StringWriter()).List("experiments", json: true));
        var ising = JsonNode.Parse(o.ToString())!["problems"]!.AsArray().Single(p => (string)p!["name"]! == "quantum/ising-to-xxz")!;
        Assert.DoesNotContain("bitfit", ising["strategies"]!.AsArray().Select(s => (string)s!["name"]!));
        var classical = ising["option_strategies"]!.AsArray().Single(x => (string)x!["option"]! == "model" && (string)x["value"]! == "classical")!;
        Assert.Equal(["coral", "importance-weighting", "bitfit", "head-only", "lora"], classical["strategies"]!.AsArray().Select(s => (string)s!["name"]!));

        var result = Validate(Schema(), """{ "study": "s", "seed": 1, "problems": [ { "problem": "quantum/ising-to-xxz", "strategies": ["bitfit", "coral"], "options": { "model": "classical" } } ] }""");
        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public void List_options_prints_each_declared_option_with_default_and_doc()
    {
        var (code, text, _) = Invoke(c => c.List("experiments", options: true, problem: "reference/linear-shift"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("source_samples = 2000 (--quick: 500)  source training samples (2..1000000)", text, StringComparison.Ordinal);
        Assert.Contains("strategy fine-tune:", text, StringComparison.Ordinal);
        Assert.Contains("split kinds: random, group, time, explicit", text, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadConfig, Invoke(c => c.List("experiments", options: true, problem: "nope/x")).Code);
    }

    public static TheoryData<string> ProblemNames()
    {
        var data = new TheoryData<string>();
        foreach (string n in Catalog.Create().ProblemNames)
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProblemNames))]
    public void Init_writes_a_commented_config_that_loads_and_validates(string problem)
    {
        using var dir = new TempDir();
        string file = dir.Sub("starter.json");
        var (code, _, err) = Invoke(c => c.Init(problem, file));
        Assert.True(code == ExitCodes.Ok, err);
        string text = File.ReadAllText(file);
        Assert.StartsWith("// Starter study for " + problem, text, StringComparison.Ordinal);
        var result = Validate(Schema(), text);
        Assert.True(result.IsValid, Errors(result));
        var config = SciTransfer.Transfer.Config.StudyConfigLoader.Load(file, Catalog.Create(), new SciTransfer.Transfer.Problems.ProblemSettings());
        Assert.Equal(problem, config.Problems.Single().Problem.Name);
        Assert.Equal(ExitCodes.BadConfig, Invoke(c => c.Init(problem, file)).Code); // never overwrites
    }

    [Fact]
    public void An_init_config_runs_and_set_overrides_are_recorded()
    {
        using var dir = new TempDir();
        string file = dir.Sub("starter.json");
        Assert.Equal(ExitCodes.Ok, Invoke(c => c.Init("reference/linear-shift", file)).Code);
        var (code, _, err) = Invoke(c => c.Run(file, dir.Sub("out"), true, 1, null, "managed", ["repeats=1", "problems[0].sizes=[4,8]", "problems[0].options.dimension=3"]));
        Assert.True(code == ExitCodes.Ok, err);
        using var record = JsonDocument.Parse(File.ReadAllText(dir.Sub("out/run.json")));
        Assert.Equal(3, record.RootElement.GetProperty("overrides").GetArrayLength());
        Assert.Equal(3, record.RootElement.GetProperty("config").GetProperty("problems")[0].GetProperty("options").GetProperty("dimension").GetInt32());
        var (bad, _, badErr) = Invoke(c => c.Run(file, dir.Sub("out2"), true, 1, null, "managed", ["problems[0].options.dimension=0"]));
        Assert.Equal(ExitCodes.BadConfig, bad);
        Assert.Contains("$.problems[0].options.dimension", badErr, StringComparison.Ordinal);
    }
}
