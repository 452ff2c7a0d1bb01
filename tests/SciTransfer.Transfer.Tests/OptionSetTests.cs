using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;

namespace SciTransfer.Transfer.Tests;

public class OptionSetTests
{
    private static readonly OptionSet Specs = new(
    [
        OptionSpec.Integer("hidden", 32, 1, 4096, "hidden units", quick: 8),
        OptionSpec.Number("rate", 0.01, 1e-6, 1, "learning rate", unit: "1/step"),
        OptionSpec.Boolean("warm", true, "warm start"),
        OptionSpec.Choice("kind", "a", ["a", "b"], "variant"),
        OptionSpec.IntegerList("layers", [16, 16], 1, 1024, "widths") with { NonEmpty = true },
        OptionSpec.TextList("stations", null, "station ids") with { Optional = true },
        OptionSpec.Text("label", null, "required label"),
    ]);

    private static (ProblemOptions Values, OptionsReader Reader) Read(string json, bool quick = false)
    {
        using var doc = JsonDocument.Parse(json);
        var reader = new OptionsReader("study.json", "$.problems[0].options", doc.RootElement.Clone());
        var values = Specs.Read(reader, quick);
        reader.EnsureAllKeysUsed();
        return (values, reader);
    }

    [Fact]
    public void Defaults_and_quick_defaults_come_from_the_declarations()
    {
        var (v, r) = Read("""{"label": "x"}""");
        Assert.Equal(32, v.Int("hidden"));
        Assert.Equal(0.01, v.Number("rate"));
        Assert.True(v.Bool("warm"));
        Assert.Equal("a", v.Text("kind"));
        Assert.Equal([16, 16], v.IntList("layers"));
        Assert.False(v.Has("stations"));
        Assert.Null(v.TextListOrNull("stations"));
        Assert.False(v.Given("hidden"));
        Assert.True(v.Given("label"));
        Assert.Equal(32, (int)r.Resolved["hidden"]!);
        Assert.Equal(8, Read("""{"label": "x"}""", quick: true).Values.Int("hidden"));
        Assert.Equal(100, Read("""{"label": "x", "hidden": 100}""", quick: true).Values.Int("hidden"));
    }

    [Theory]
    [InlineData("""{"label": "x", "hidden": 0}""", "$.problems[0].options.hidden", "between 1 and 4096")]
    [InlineData("""{"label": "x", "hidden": 2.5}""", "$.problems[0].options.hidden", "expected an integer")]
    [InlineData("""{"label": "x", "rate": 2}""", "$.problems[0].options.rate", "between 1E-06 and 1")]
    [InlineData("""{"label": "x", "kind": "c"}""", "$.problems[0].options.kind", "'c' is not one of: a, b")]
    [InlineData("""{"label": "x", "layers": [16, 0]}""", "$.problems[0].options.layers[1]", "must be in 1..1024")]
    [InlineData("""{"label": "x", "layers": []}""", "$.problems[0].options.layers", "at least one value")]
    [InlineData("""{"hidden": 3}""", "$.problems[0].options.label", "missing required string")]
    [InlineData("""{"label": "x", "hiden": 3}""", "$.problems[0].options.hiden", "unknown key")]
    [InlineData("""{"label": "x", "warm": "yes"}""", "$.problems[0].options.warm", "expected true or false")]
    public void Bad_values_name_the_json_path_and_the_rule(string json, string path, string message)
    {
        var e = Assert.Throws<ConfigException>(() => Read(json));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
        Assert.Equal("study.json", e.File);
    }

    [Fact]
    public void Duplicate_declarations_are_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new OptionSet([OptionSpec.Boolean("a", true, ""), OptionSpec.Boolean("a", false, "")]));
    }

    [Fact]
    public void Undeclared_names_and_wrong_types_are_programming_errors()
    {
        var (v, _) = Read("""{"label": "x"}""");
        Assert.Throws<InvalidOperationException>(() => v.Int("nope"));
        Assert.Throws<InvalidOperationException>(() => v.Number("hidden"));
    }

    [Fact]
    public void Overrides_set_nested_values_create_objects_and_parse_json()
    {
        var root = JsonNode.Parse("""{"repeats": 2, "problems": [{"problem": "p", "options": {"a": 1}}]}""")!;
        ConfigOverrides.Apply(root, ["repeats=5", "problems[0].options.hidden=32", "problems[0].options.name=plain text", "problems[0].sizes=[1,2]", "problems[0].data.files.x=\"f.csv\""]);
        Assert.Equal(5, (int)root["repeats"]!);
        Assert.Equal(32, (int)root["problems"]![0]!["options"]!["hidden"]!);
        Assert.Equal(1, (int)root["problems"]![0]!["options"]!["a"]!);
        Assert.Equal("plain text", (string)root["problems"]![0]!["options"]!["name"]!);
        Assert.Equal(2, root["problems"]![0]!["sizes"]!.AsArray().Count);
        Assert.Equal("f.csv", (string)root["problems"]![0]!["data"]!["files"]!["x"]!);
    }

    [Theory]
    [InlineData("repeats")]
    [InlineData("problems[3].options.a=1")]
    [InlineData("repeats.x=1")]
    [InlineData("problems[x]=1")]
    public void Bad_overrides_are_command_line_errors(string assignment)
    {
        var root = JsonNode.Parse("""{"repeats": 2, "problems": [{"problem": "p"}]}""")!;
        var e = Assert.Throws<ConfigException>(() => ConfigOverrides.Apply(root, [assignment]));
        Assert.Equal("command line", e.File);
        Assert.Contains(assignment.Split('=')[0], e.JsonPath, StringComparison.Ordinal);
    }
}
