using SciTransfer.Transfer.Cluster;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Tests.Cluster;

public class ShardPlanTests
{
    // Two problems: "heavy" (fine-tune cells Heavy, the rest Cheap; cacheable source) and "light" (all Cheap, source
    // not cacheable). 2 repeats x 3 strategies x 4 sizes = 24 cells each.
    private const string Json = """
        { "study": "plan", "seed": 3, "repeats": 2,
          "problems": [ { "problem": "test/heavy" }, { "problem": "test/light" } ] }
        """;

    private static StudyConfig Config() => ClusterSpy.Study(
        Json,
        "plan.json",
        new ClusterSpy("test/heavy", true, s => s == "fine-tune" ? CostClass.Heavy : CostClass.Cheap),
        new ClusterSpy("test/light", false, _ => CostClass.Cheap));

    [Fact]
    public void Every_cell_is_in_exactly_one_shard()
    {
        var config = Config();
        var plan = ShardPlan.Build(config, CellCostModel.Declared(), 3);
        var all = plan.Shards.SelectMany(s => s.Cells).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(StudyPlan.Cells(config).Select(c => c.Key).ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public void Shards_are_balanced_by_declared_cost_within_the_LPT_bound_and_better_than_round_robin()
    {
        var config = Config();
        var cells = StudyPlan.Cells(config);
        var costs = CellCostModel.Declared();
        var plan = ShardPlan.Build(config, costs, 3);
        double total = cells.Sum(costs.Estimate);

        // Each shard's cost is the sum of its cells' declared weights.
        var byKey = cells.ToDictionary(c => c.Key);
        foreach (var s in plan.Shards)
        {
            Assert.Equal(s.Cells.Sum(k => costs.Estimate(byKey[k])), s.Cost, 9);
        }

        // LPT guarantee: the largest shard exceeds the mean by less than the largest unit (a light repeat's 12
        // cells kept together cost 12; a heavy fine-tune cell 100).
        double largestUnit = 100;
        Assert.True(plan.Shards.Max(s => s.Cost) <= (total / 3) + largestUnit, string.Join(", ", plan.Shards.Select(s => s.Cost)));

        // Round robin by cell index (the old --shard K/N) piles the heavy cells unevenly here.
        double roundRobinMax = Enumerable.Range(0, 3).Max(k => cells.Where(c => c.Index % 3 == k).Sum(costs.Estimate));
        Assert.True(plan.Shards.Max(s => s.Cost) < roundRobinMax, $"LPT {plan.Shards.Max(s => s.Cost)} vs round robin {roundRobinMax}");
    }

    [Fact]
    public void Cells_of_a_non_cacheable_source_stay_in_one_shard_and_cacheable_sources_are_pretrained()
    {
        var plan = ShardPlan.Build(Config(), CellCostModel.Declared(), 3);
        for (int r = 0; r < 2; r++)
        {
            var holders = plan.Shards.Where(s => s.Cells.Any(c => c.Problem == "test/light" && c.Repeat == r)).ToList();
            Assert.Single(holders);
            Assert.Equal(12, holders[0].Cells.Count(c => c.Problem == "test/light" && c.Repeat == r));
        }

        Assert.Equal([new SourcePair("test/heavy", 0), new SourcePair("test/heavy", 1)], plan.Pretrain);

        // The heavy problem's cells of one repeat are spread over several shards (they load the cached source).
        Assert.True(plan.Shards.Count(s => s.Cells.Any(c => c.Problem == "test/heavy" && c.Repeat == 0)) > 1);
    }

    [Fact]
    public void Entries_with_a_source_model_file_need_no_pretraining_and_their_cells_spread_freely()
    {
        var config = Config();
        var file = new SourceModelFile("/models/source.safetensors", "plan.json", "$.problems[0].options.source_model");
        var withFiles = config with { Problems = [.. config.Problems.Select(p => p with { SourceModel = file })] };
        var plan = ShardPlan.Build(withFiles, CellCostModel.Declared(), 3);

        Assert.Empty(plan.Pretrain);
        Assert.Equal(StudyPlan.Cells(withFiles).Select(c => c.Key).ToHashSet(), plan.Shards.SelectMany(s => s.Cells).ToHashSet());

        // A light-only study: without the file each repeat's 12 cells are one unit (one shard trains that source),
        // so 3 shards are more than its 2 units; with the file nothing is trained and the 24 cells deal out 8/8/8.
        const string LightOnly = """
            { "study": "plan", "seed": 3, "repeats": 2, "problems": [ { "problem": "test/light" } ] }
            """;
        var light = ClusterSpy.Study(LightOnly, "plan.json", new ClusterSpy("test/light", false, _ => CostClass.Cheap));
        Assert.Throws<ConfigException>(() => ShardPlan.Build(light, CellCostModel.Declared(), 3));
        var lightWithFile = light with { Problems = [.. light.Problems.Select(p => p with { SourceModel = file })] };
        var spread = ShardPlan.Build(lightWithFile, CellCostModel.Declared(), 3);
        Assert.Empty(spread.Pretrain);
        Assert.Equal([8, 8, 8], spread.Shards.Select(sh => sh.Cells.Count).ToArray());
    }

    [Fact]
    public void The_same_inputs_give_a_byte_identical_plan_file_that_reads_back()
    {
        using var dir = new TempDir();
        ShardPlan.Build(Config(), CellCostModel.Declared(), 4).Write(dir.Sub("a.json"));
        ShardPlan.Build(Config(), CellCostModel.Declared(), 4).Write(dir.Sub("b.json"));
        Assert.Equal(File.ReadAllBytes(dir.Sub("a.json")), File.ReadAllBytes(dir.Sub("b.json")));

        var read = ShardPlan.Read(dir.Sub("a.json"));
        var built = ShardPlan.Build(Config(), CellCostModel.Declared(), 4);
        Assert.Equal(built.Shards.Select(s => s.Cells), read.Shards.Select(s => s.Cells));
        Assert.Equal(built.Pretrain, read.Pretrain);
    }

    [Fact]
    public void More_shards_than_separable_units_is_a_config_error_naming_the_limit()
    {
        // 24 heavy cells + 2 light repeats kept together = 26 units.
        var e = Assert.Throws<Errors.ConfigException>(() => ShardPlan.Build(Config(), CellCostModel.Declared(), 27));
        Assert.Contains("--shards", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 26", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timings_of_an_earlier_run_replace_declared_costs_and_calibrate_the_rest()
    {
        using var dir = new TempDir();
        var config = Config();
        var cells = StudyPlan.Cells(config);

        // An earlier run timed only heavy/scratch: n=2 took 8 s, n=4 took 12 s (declared Cheap = 1 unit each).
        string csv = dir.File("timings.csv", "problem,strategy,n_target,metric,count,mean,std,ci95_low,ci95_high,rpr,degradation,data_efficiency,data_efficiency_bound,negative_transfer\n"
            + "test/heavy,scratch,2,fit_seconds,2,8,0,8,8,,,,,\n"
            + "test/heavy,scratch,4,fit_seconds,2,12,0,12,12,,,,,\n"
            + "test/heavy,scratch,2,other_timing,2,999,0,999,999,,,,,\n");
        var model = CellCostModel.FromTimings(csv, cells);
        PlannedCell Cell(string p, string s, int n) => cells.First(c => c.Key == new CellKey(p, s, n, 0));

        Assert.Equal(8, model.Estimate(Cell("test/heavy", "scratch", 2)));
        Assert.Equal(12, model.Estimate(Cell("test/heavy", "scratch", 4)));
        Assert.Equal(10, model.Estimate(Cell("test/heavy", "scratch", 16)), 9); // mean of the strategy's timed sizes

        // Untimed cells: declared weight x seconds per unit. Timed cells cover 2 repeats x 2 sizes = 4 units
        // holding 2 x (8 + 12) = 40 s, so 10 s per unit: a Heavy cell 1000 s, a Cheap one 10 s.
        Assert.Equal(1000, model.Estimate(Cell("test/heavy", "fine-tune", 8)), 9);
        Assert.Equal(10, model.Estimate(Cell("test/light", "scratch", 8)), 9);
    }

    [Fact]
    public void Timings_in_the_timings_only_layout_calibrate_like_the_earlier_layout()
    {
        using var dir = new TempDir();
        var cells = StudyPlan.Cells(Config());
        string path = Path.Combine(dir.Path, "timings.csv");
        Summary.TimingsCsv.Write(path,
        [
            new("test/heavy", "scratch", 2, Summary.TimingsBuilder.FitSeconds, "s", 2, 8, 0, 8, 8, 8),
            new("test/heavy", "scratch", 4, Summary.TimingsBuilder.FitSeconds, "s", 2, 12, 0, 12, 12, 12),
            new("test/heavy", "scratch", 2, "other_timing", "s", 2, 999, 0, 999, 999, 999),
        ]);
        var model = CellCostModel.FromTimings(path, cells);
        PlannedCell Cell(string p, string s, int n) => cells.First(c => c.Key == new CellKey(p, s, n, 0));
        Assert.Equal(8, model.Estimate(Cell("test/heavy", "scratch", 2)));
        Assert.Equal(1000, model.Estimate(Cell("test/heavy", "fine-tune", 8)), 9); // 40 s over 4 units, as above
    }

    [Fact]
    public void A_malformed_timings_file_names_file_row_and_column()
    {
        using var dir = new TempDir();
        string csv = dir.File("timings.csv", "problem,strategy,n_target,metric,mean\ntest/heavy,scratch,two,fit_seconds,8\n");
        var e = Assert.Throws<Errors.DataFormatException>(() => CellCostModel.FromTimings(csv, StudyPlan.Cells(Config())));
        Assert.Contains("timings.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("n_target", e.Message, StringComparison.Ordinal);
    }
}
