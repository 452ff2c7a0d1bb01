using System.Globalization;
using System.Text;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

/// <summary>
/// Issue 11, heat sink: length units, computed l_over_d, the geometry column and default group split, sodium-only
/// tables (water file or generated water), the prior option and the fitted-correlation baseline.
/// </summary>
public sealed class NusseltUserDataTests : IDisposable
{
    // Noise-free sodium data of exactly the fitted form, so the fitted correlation must recover it.
    private static readonly CorrelationCoefficients SodiumTruth = new(3.5, 0.03, 0.85, "truth");

    private readonly string _dir = Directory.CreateTempSubdirectory("nusselt-user-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 8 sodium channels named ch0..ch7, each at 3 Pe; lengths in the given unit; no l_over_d column.
    private string WriteSodium(string name, string unit = "m", bool withWater = false, bool geometryColumn = true)
    {
        double scale = unit == "mm" ? 1e3 : 1;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"fluid,pe,dh_{unit},aspect_ratio,length_{unit},width_{unit},nu{(geometryColumn ? ",geometry" : "")}\n");
        var rng = new Rng(3);
        for (int g = 0; g < 8; g++)
        {
            double dh = rng.Uniform(1e-3, 3e-3);
            double length = rng.Uniform(0.02, 0.08);
            foreach (double pe in new[] { 15.0 + g, 80, 400 + (10 * g) })
            {
                text.Append(CultureInfo.InvariantCulture, $"sodium,{pe},{dh * scale},0.5,{length * scale},{dh * scale},{SodiumTruth.Nu(pe):R}{(geometryColumn ? $",ch{g}" : "")}\n");
            }
        }

        if (withWater)
        {
            foreach (var w in NusseltGenerator.Generate("water", 10, new Rng(4)))
            {
                text.Append(CultureInfo.InvariantCulture, $"water,{w.Peclet:R},{w.HydraulicDiameter * scale:R},{w.AspectRatio:R},{w.Length * scale:R},{w.Width * scale:R},{w.Nu:R}{(geometryColumn ? ",w" : "")}\n");
            }
        }

        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private string WriteWater(string name)
    {
        string path = Path.Combine(_dir, name);
        using var writer = new StreamWriter(path);
        NusseltCsv.Write(writer, NusseltGenerator.Generate("water", 12, new Rng(6)));
        return path;
    }

    private StudyProblem Load(string files, string split = "", string options = "")
    {
        string config = Path.Combine(_dir, "study.json");
        File.WriteAllText(config, $$"""
            { "study": "t", "seed": 1, "repeats": 2, "problems": [
              { "problem": "heat-sink/nusselt-water-to-sodium", "sizes": [0, 1, 2, 4],
                "data": { "files": {{files}} {{(split.Length > 0 ? $", \"split\": {split}" : "")}} },
                "options": { "source_steps": 5, "steps": 5, "water_points": 9 {{options}} } } ] }
            """);
        return StudyConfigLoader.Load(config, new ProblemCatalog([new HeatSinkModule()]), new ProblemSettings()).Problems.Single();
    }

    private static NusseltInstance Repeat(StudyProblem entry, int repeat) =>
        (NusseltInstance)entry.Problem.Create(new ProblemContext(repeat, new SeedTree(1).Child(entry.Id).Child(repeat), new ProblemSettings(), entry.Data));

    private static CellResult Run(StudyProblem entry, NusseltInstance instance, string strategy, int n)
    {
        int[] indices = [.. Enumerable.Range(0, n)];
        return entry.Problem.Strategies.Find(strategy)!.Run(instance, new StrategyCell(n, indices, new SeedTree(2).Child(strategy), null, CancellationToken.None));
    }

    [Fact]
    public void A_table_in_millimetres_with_length_unit_mm_reads_the_same_designs_in_metres()
    {
        var inMetres = NusseltCsv.ReadRows(WriteSodium("m.csv"), "m");
        var inMm = NusseltCsv.ReadRows(WriteSodium("mm.csv", "mm"), "mm");
        Assert.Equal(inMetres.Count, inMm.Count);
        for (int i = 0; i < inMm.Count; i++)
        {
            Assert.Equal(inMetres[i].Sample.HydraulicDiameter, inMm[i].Sample.HydraulicDiameter, 1e-15);
            Assert.Equal(inMetres[i].Sample.Length, inMm[i].Sample.Length, 1e-15);
            Assert.Equal(inMetres[i].Sample.LengthOverDiameter, inMm[i].Sample.LengthOverDiameter, 1e-9);
        }
    }

    [Fact]
    public void Millimetre_columns_read_with_length_unit_m_are_an_error_that_names_the_option()
    {
        string path = WriteSodium("mm.csv", "mm");
        var e = Assert.Throws<DataFormatException>(() => NusseltCsv.ReadRows(path, "m"));
        Assert.Equal((1L, "dh_mm"), (e.Row, e.Column));
        Assert.Contains("length_unit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_l_over_d_is_computed_as_length_over_hydraulic_diameter()
    {
        var rows = NusseltCsv.ReadRows(WriteSodium("t.csv"));
        Assert.All(rows, r => Assert.Equal(r.Sample.Length / r.Sample.HydraulicDiameter, r.Sample.LengthOverDiameter, 12));
    }

    [Fact]
    public void Without_a_split_the_geometry_column_groups_the_rows_so_no_channel_is_in_pool_and_test()
    {
        var entry = Load($$"""{ "table": "{{WriteSodium("t.csv", withWater: true)}}" }""");
        Assert.Equal(18, entry.Problem.MaxTargetSize);
        for (int repeat = 0; repeat < 2; repeat++)
        {
            var instance = Repeat(entry, repeat);
            Assert.Equal((18, 6), (instance.Pool.Count, instance.Test.Count));
            var pool = instance.Pool.Select(s => s.Peclet).ToHashSet();

            // Each channel has its own first Pe (15 + g); a channel in both sets would put its first Pe in both.
            Assert.DoesNotContain(instance.Test, s => s.Peclet < 30 && pool.Contains(s.Peclet));
        }
    }

    [Fact]
    public void A_sodium_only_table_takes_its_water_rows_from_the_water_file()
    {
        var entry = Load($$"""{ "table": "{{WriteSodium("t.csv")}}", "water": "{{WriteWater("w.csv")}}" }""");
        Assert.Contains("12 water rows from w.csv", entry.Problem.Description, StringComparison.Ordinal);
        var instance = Repeat(entry, 0);
        Assert.Equal(24, instance.Pool.Count + instance.Test.Count);
    }

    [Fact]
    public void A_sodium_only_table_without_a_water_file_generates_the_water_designs_and_says_so()
    {
        var entry = Load($$"""{ "table": "{{WriteSodium("t.csv")}}" }""");
        Assert.Contains("GENERATED", entry.Problem.Description, StringComparison.Ordinal);
        var a = Repeat(entry, 0);
        var b = Repeat(entry, 0);
        Assert.Equal(a.PriorStart, b.PriorStart);
    }

    [Fact]
    public void Water_rows_in_both_the_table_and_a_water_file_are_an_error_naming_the_table()
    {
        string table = WriteSodium("t.csv", withWater: true);
        var e = Assert.Throws<DataFormatException>(() => Load($$"""{ "table": "{{table}}", "water": "{{WriteWater("w.csv")}}" }"""));
        Assert.Equal((table, "fluid"), (e.File, e.Column));
    }

    [Fact]
    public void A_sodium_row_in_the_water_file_is_an_error_naming_its_line()
    {
        string water = WriteSodium("w.csv");
        var e = Assert.Throws<DataFormatException>(() => Load($$"""{ "table": "{{WriteSodium("t.csv")}}", "water": "{{water}}" }"""));
        Assert.Equal((water, 2L, "fluid"), (e.File, e.Row, e.Column));
    }

    [Fact]
    public void The_fitted_correlation_baseline_recovers_noise_free_a_plus_b_Pe_to_the_c_sodium_data()
    {
        var entry = Load($$"""{ "table": "{{WriteSodium("t.csv", withWater: true)}}" }""", """{ "kind": "random", "test_fraction": 0.25 }""");
        var instance = Repeat(entry, 0);
        Assert.True(Run(entry, instance, "fitted-correlation", 4).Values["mape"] < 1e-6);

        // At n = 1 only a is fitted (b, c from Lyon), so the error is that of the wrong shape, not zero.
        Assert.True(Run(entry, instance, "fitted-correlation", 1).Values["mape"] > 1);
    }

    [Theory]
    [InlineData("lyon", 7, 0.025, 0.8)]
    [InlineData("seban-shimazaki", 5, 0.025, 0.8)]
    [InlineData("skupinski", 4.82, 0.0185, 0.827)]
    public void The_prior_option_sets_the_correlation_baseline_to_the_named_published_correlation(string prior, double a, double b, double c)
    {
        var entry = Load($$"""{ "table": "{{WriteSodium("t.csv", withWater: true)}}" }""", options: $", \"prior\": \"{prior}\"");
        var instance = Repeat(entry, 0);
        double expected = 100 * instance.Test.Select(s => Math.Abs(a + (b * Math.Pow(s.Peclet, c)) - s.Nu) / s.Nu).Average();
        Assert.Equal(expected, Run(entry, instance, "correlation", 0).Values["mape"], 10);
        if (prior == "lyon")
        {
            Assert.Equal(NusseltCorrelations.Lyon(123), instance.PriorStart.Nu(123), 12);
        }
    }

    [Fact]
    public void The_fitted_water_prior_fits_the_water_designs_better_than_Lyon()
    {
        var entry = Load($$"""{ "table": "{{WriteSodium("t.csv", withWater: true)}}" }""", options: ", \"prior\": \"fitted-water\"");
        var instance = Repeat(entry, 0);
        var water = NusseltCsv.ReadRows(Path.Combine(_dir, "t.csv")).Where(r => r.Sample.Fluid == "water").Select(r => r.Sample).ToList();
        double[] pe = [.. water.Select(s => s.Peclet)];
        double[] nu = [.. water.Select(s => s.Nu)];
        Assert.Equal("fitted-water", instance.PriorStart.Method);
        Assert.True(CorrelationFit.SumOfSquares(pe, nu, instance.PriorStart) < CorrelationFit.SumOfSquares(pe, nu, CorrelationCoefficients.Lyon));
    }
}
