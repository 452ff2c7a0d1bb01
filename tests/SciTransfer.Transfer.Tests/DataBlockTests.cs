using System.Globalization;
using System.Text;
using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reference;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Tests;

/// <summary>The data-and-split contract on the reference problem: user tables, paths relative to the config, sizes against the pool.</summary>
public class DataBlockTests
{
    private static readonly ProblemCatalog Catalog = new([new ReferenceModule()]);

    /// <summary>Writes data/source.csv (y = x1 + 2 x2) and data/target.csv (y = 1.5 x1 + 2 x2, 4 stations x 10 days).</summary>
    private static void WriteTables(TempDir dir)
    {
        var rng = new Core.Random.Rng(5);
        var source = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 200; i++)
        {
            double a = rng.Normal(), b = rng.Normal();
            source.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{(a + (2 * b) + (0.1 * rng.Normal())):R}\n");
        }

        var target = new StringBuilder("id,group,time,x1,x2,y\n");
        for (int i = 0; i < 40; i++)
        {
            double a = rng.Normal(), b = rng.Normal();
            target.Append(CultureInfo.InvariantCulture, $"t{i},s{i % 4},1997-01-{1 + (i / 4):00}T06:00Z,{a:R},{b:R},{((1.5 * a) + (2 * b) + (0.1 * rng.Normal())):R}\n");
        }

        Directory.CreateDirectory(dir.Sub("data"));
        File.WriteAllText(dir.Sub("data/source.csv"), source.ToString());
        File.WriteAllText(dir.Sub("data/target.csv"), target.ToString());
        Directory.CreateDirectory(dir.Sub("configs"));
    }

    private static string Study(string split, string sizes = "[2, 4, 8]", string files = """{"source": "../data/source.csv", "target": "../data/target.csv"}""") => $$"""
        { "study": "tables", "seed": 3, "repeats": 2,
          "problems": [ { "problem": "reference/linear-shift", "sizes": {{sizes}},
                          "data": { "files": {{files}}, "split": {{split}} } } ] }
        """;

    [Theory]
    [InlineData("""{"kind": "random", "test_fraction": 0.25}""", 30)]
    [InlineData("""{"kind": "group", "column": "station", "test": ["s3"]}""", 30)]
    [InlineData("""{"kind": "group", "column": "station", "test_fraction": 0.25}""", 30)]
    [InlineData("""{"kind": "time", "pool": ["1997-01-01", "1997-01-07"], "test": ["1997-01-08", "1997-01-10"]}""", 28)]
    [InlineData("""{"kind": "explicit", "pool": ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"], "test": ["t30", "t31", "t32"]}""", 8)]
    public void Each_split_kind_runs_a_study_on_user_tables_with_paths_relative_to_the_config(string split, int pool)
    {
        using var dir = new TempDir();
        WriteTables(dir);
        string config = dir.File("configs/study.json", Study(split));
        var c = StudyConfigLoader.Load(config, Catalog, new ProblemSettings());
        var problem = (LinearShiftProblem)c.Problems[0].Problem;
        Assert.Equal(pool, problem.MaxTargetSize);
        Assert.Equal(Path.GetFullPath(dir.Sub("data/target.csv")), c.Problems[0].Data!.File("target"));

        var outcome = StudyRunner.Run(c, new RunOptions(dir.Sub("out"), Threads: 2, WriteReport: false));
        Assert.Equal(6 * 3 * 2, outcome.CellsRun);  // scratch, source-only, fine-tune, oracle, coral, importance-weighting
        var rmse = outcome.Summary.Where(r => r.Metric == "rmse").ToDictionary(r => (r.Strategy, r.NTarget), r => r.Mean);

        // With the source slope of x2 right and x1 off by 0.5, fine-tune beats scratch at n = 2 and the oracle beats scratch at n = 2.
        Assert.True(rmse[("fine-tune", 2)] < rmse[("scratch", 2)]);
        Assert.True(rmse[("oracle", 8)] < rmse[("scratch", 2)]);
    }

    [Fact]
    public void A_size_larger_than_the_pool_is_a_config_error_naming_size_pool_and_problem()
    {
        using var dir = new TempDir();
        WriteTables(dir);
        string config = dir.File("configs/study.json", Study("""{"kind": "time", "pool": ["1997-01-01", "1997-01-07"], "test": ["1997-01-08", "1997-01-10"]}""", sizes: "[4, 10000]"));
        var e = Assert.Throws<ConfigException>(() => StudyConfigLoader.Load(config, Catalog, new ProblemSettings()));
        Assert.Equal("$.problems[0].sizes", e.JsonPath);
        Assert.Contains("10000", e.Problem, StringComparison.Ordinal);
        Assert.Contains("(28 target samples", e.Problem, StringComparison.Ordinal);
        Assert.Contains("reference/linear-shift", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_problems_check_sizes_against_their_pool_option_too()
    {
        using var dir = new TempDir();
        string config = dir.File("s.json", """{ "study": "s", "seed": 1, "problems": [ { "problem": "reference/linear-shift", "sizes": [300], "options": {"pool_size": 28} } ] }""");
        var e = Assert.Throws<ConfigException>(() => StudyConfigLoader.Load(config, Catalog, new ProblemSettings()));
        Assert.Contains("size 300 exceeds the target pool", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_error_shows_the_absolute_paths_tried()
    {
        using var dir = new TempDir();
        WriteTables(dir);
        string config = dir.File("configs/study.json", Study("""{"kind": "random"}""", files: """{"source": "../data/source.csv", "target": "nowhere/target.csv"}"""));
        var e = Assert.Throws<ConfigException>(() => StudyConfigLoader.Load(config, Catalog, new ProblemSettings()));
        Assert.Equal("$.problems[0].data.files.target", e.JsonPath);
        Assert.Contains(Path.GetFullPath(dir.Sub("configs/nowhere/target.csv")), e.Problem, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath("nowhere/target.csv"), e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"files": {"source": "../data/source.csv", "target": "../data/target.csv"}}""", "$.problems[0].data.split", "missing")]
    [InlineData("""{"files": {"source": "../data/source.csv"}, "split": {"kind": "random"}}""", "$.problems[0].data.files.target", "missing required file")]
    [InlineData("""{"files": {"source": "../data/source.csv", "target": "../data/target.csv", "extra": "x.csv"}, "split": {"kind": "random"}}""", "$.problems[0].data.files.extra", "unknown key")]
    public void Incomplete_data_blocks_are_config_errors(string block, string path, string message)
    {
        using var dir = new TempDir();
        WriteTables(dir);
        string config = dir.File("configs/study.json", $$"""{ "study": "s", "seed": 1, "problems": [ { "problem": "reference/linear-shift", "data": {{block}} } ] }""");
        var e = Assert.Throws<ConfigException>(() => StudyConfigLoader.Load(config, Catalog, new ProblemSettings()));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x1,x2\n1,2\n", 1, "y", "missing label")]
    [InlineData("x1,y,y\n1,2,3\n", 1, "y", "twice")]
    [InlineData("x1,y,z\n1,2,3\n", 1, "z", "unknown column")]
    [InlineData("x1,y\n1,2\n1,abc\n", 3, "y", "'abc' is not a finite number")]
    [InlineData("x1,y\n1,2\n1,2,3\n", 3, "(extra field)", "expected 2 fields, found 3")]
    public void Table_errors_name_file_row_and_column(string csv, long row, string column, string message)
    {
        using var dir = new TempDir();
        string path = dir.File("t.csv", csv);
        var e = Assert.Throws<DataFormatException>(() => RegressionTable.Read(path));
        Assert.Equal(row, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_from_the_command_line_change_the_config_and_are_recorded()
    {
        using var dir = new TempDir();
        string config = dir.File("s.json", """{ "study": "s", "seed": 1, "repeats": 2, "problems": [ { "problem": "reference/linear-shift", "sizes": [4] } ] }""");
        var c = StudyConfigLoader.Load(config, Catalog, new ProblemSettings(), ["repeats=1", "problems[0].options.dimension=5"]);
        Assert.Equal(1, c.Problems[0].Repeats);
        Assert.Equal(5, ((LinearShiftProblem)c.Problems[0].Problem).Options.Dimension);
        StudyRunner.Run(c, new RunOptions(dir.Sub("out"), WriteReport: false));
        using var record = JsonDocument.Parse(File.ReadAllText(dir.Sub("out/run.json")));
        Assert.Equal("problems[0].options.dimension=5", record.RootElement.GetProperty("overrides")[1].GetString());
        var bad = Assert.Throws<ConfigException>(() => StudyConfigLoader.Load(config, Catalog, new ProblemSettings(), ["problems[0].options.dimension=0"]));
        Assert.Equal("$.problems[0].options.dimension", bad.JsonPath);
    }
}
