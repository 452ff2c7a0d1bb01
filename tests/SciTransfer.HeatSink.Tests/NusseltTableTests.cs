using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Tests;

/// <summary>The Nusselt problem on a user's CFD table through the harness data block (files and split).</summary>
public sealed class NusseltTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nusselt-table-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 8 water designs; 6 sodium channel geometries, each at 4 Peclet numbers (24 sodium rows).
    private string WriteTable()
    {
        var rng = new Rng(11);
        var rows = NusseltGenerator.Generate("water", 8, rng);
        foreach (var geometry in NusseltGenerator.Generate("sodium", 6, rng))
        {
            foreach (double pe in new[] { 10.0, 30, 60, 100 })
            {
                rows.Add(geometry with { Peclet = pe, Nu = NusseltGenerator.TrueNu("sodium", pe, geometry.AspectRatio, geometry.LengthOverDiameter) });
            }
        }

        string path = Path.Combine(_dir, "cfd.csv");
        using var writer = new StreamWriter(path);
        NusseltCsv.Write(writer, rows);
        return path;
    }

    private StudyProblem Load(string split, string table = "cfd.csv", string sizes = "[0, 2, 4]")
    {
        string config = Path.Combine(_dir, "study.json");
        File.WriteAllText(config, $$"""
            { "study": "t", "seed": 1, "repeats": 3, "problems": [
              { "problem": "heat-sink/nusselt-water-to-sodium", "sizes": {{sizes}},
                "data": { "files": { "table": "{{table}}" }, "split": {{split}} },
                "options": { "source_steps": 5, "steps": 5 } } ] }
            """);
        return StudyConfigLoader.Load(config, new ProblemCatalog([new HeatSinkModule()]), new ProblemSettings()).Problems.Single();
    }

    private static NusseltInstance Repeat(StudyProblem entry, int repeat) =>
        (NusseltInstance)entry.Problem.Create(new ProblemContext(repeat, new SeedTree(1).Child(entry.Id).Child(repeat), new ProblemSettings(), entry.Data));

    [Fact]
    public void A_group_split_by_geometry_puts_each_channel_wholly_in_the_pool_or_the_test_set()
    {
        WriteTable();
        var entry = Load("""{ "kind": "group", "column": "geometry", "test_fraction": 0.34 }""");
        var testSets = new HashSet<string>(StringComparer.Ordinal);
        for (int repeat = 0; repeat < 6; repeat++)
        {
            var instance = Repeat(entry, repeat);
            var pool = instance.Pool.Select(s => s.GeometryKey).ToHashSet(StringComparer.Ordinal);
            var test = instance.Test.Select(s => s.GeometryKey).ToHashSet(StringComparer.Ordinal);
            Assert.Empty(pool.Intersect(test));
            Assert.Equal(24, instance.Pool.Count + instance.Test.Count);
            Assert.Equal((4, 2), (pool.Count, test.Count));
            Assert.True(instance.TargetPoolSize >= entry.Problem.MaxTargetSize, $"pool {instance.TargetPoolSize} < bound {entry.Problem.MaxTargetSize}");
            testSets.Add(string.Join("|", test.Order(StringComparer.Ordinal)));
        }

        // The groups are drawn per repeat, not fixed.
        Assert.True(testSets.Count > 1);
        Assert.Equal(16, entry.Problem.MaxTargetSize);
    }

    [Fact]
    public void Named_test_geometries_are_the_test_set_in_every_repeat()
    {
        WriteTable();
        var probe = Load("""{ "kind": "group", "column": "geometry", "test_fraction": 0.5 }""");
        string named = Repeat(probe, 0).Test[0].GeometryKey;
        var entry = Load($$"""{ "kind": "group", "column": "geometry", "test": ["{{named}}"] }""");
        Assert.Equal(20, entry.Problem.MaxTargetSize);
        for (int repeat = 0; repeat < 3; repeat++)
        {
            var instance = Repeat(entry, repeat);
            Assert.All(instance.Test, s => Assert.Equal(named, s.GeometryKey));
            Assert.Equal(4, instance.Test.Count);
            Assert.DoesNotContain(instance.Pool, s => s.GeometryKey == named);
        }
    }

    [Fact]
    public void A_named_geometry_that_is_not_in_the_table_is_a_config_error_with_its_json_path()
    {
        WriteTable();
        var e = Assert.Throws<ConfigException>(() => Load("""{ "kind": "group", "column": "geometry", "test": ["dh_m=1;aspect_ratio=1;length_m=1;width_m=1"] }"""));
        Assert.Equal("$.problems[0].data.split.test", e.JsonPath);
        Assert.Contains("dh_m=1;aspect_ratio=1;length_m=1;width_m=1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_column_other_than_geometry_is_a_config_error_naming_the_column()
    {
        WriteTable();
        var e = Assert.Throws<ConfigException>(() => Load("""{ "kind": "group", "column": "station", "test_fraction": 0.3 }"""));
        Assert.Equal("$.problems[0].data.split.column", e.JsonPath);
    }

    [Fact]
    public void A_random_split_divides_the_sodium_rows_and_sizes_above_its_pool_are_rejected()
    {
        WriteTable();
        var entry = Load("""{ "kind": "random", "test_fraction": 0.25 }""");
        Assert.Equal(18, entry.Problem.MaxTargetSize);
        var instance = Repeat(entry, 0);
        Assert.Equal((18, 6), (instance.Pool.Count, instance.Test.Count));
        var e = Assert.Throws<ConfigException>(() => Load("""{ "kind": "random", "test_fraction": 0.25 }""", sizes: "[0, 19]"));
        Assert.Equal("$.problems[0].sizes", e.JsonPath);
    }

    [Fact]
    public void A_missing_table_is_a_config_error_listing_the_absolute_paths_tried()
    {
        var e = Assert.Throws<ConfigException>(() => Load("""{ "kind": "random" }""", table: "missing.csv"));
        Assert.Equal("$.problems[0].data.files.table", e.JsonPath);
        Assert.Contains(Path.Combine(_dir, "missing.csv"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_table_keeps_the_loaders_row_and_column_error()
    {
        File.WriteAllText(Path.Combine(_dir, "cfd.csv"), "fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nwater,1,1,0.5,1,1,1,1\nsodium,1,1,0.5,1,1,1,oops\n");
        var e = Assert.Throws<DataFormatException>(() => Load("""{ "kind": "random" }"""));
        Assert.Equal((3L, "nu"), (e.Row, e.Column));
        Assert.Equal(Path.Combine(_dir, "cfd.csv"), e.File);
    }

    [Fact]
    public void The_example_study_with_the_example_table_loads_from_any_working_directory()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "experiments")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var config = StudyConfigLoader.Load(Path.Combine(root, "experiments", "heat-sink-nusselt-table.json"), new ProblemCatalog([new HeatSinkModule()]), new ProblemSettings());
        var entry = config.Problems.Single();
        Assert.Equal(Path.Combine(root, "datasets", "heat-sink", "nusselt-example.csv"), entry.Data!.File("table"));
        Assert.True(entry.Sizes.Max() <= entry.Problem.MaxTargetSize, string.Create(CultureInfo.InvariantCulture, $"sizes up to {entry.Sizes.Max()}, pool {entry.Problem.MaxTargetSize}"));
    }
}
