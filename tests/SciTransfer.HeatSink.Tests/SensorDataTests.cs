using System.Globalization;
using System.Text;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Problems;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

/// <summary>Issue 11, heat sink: measured temperature sensors and a reference field as the PINN problems' target data.</summary>
public sealed class SensorDataTests : IDisposable
{
    private const double Tf = 600;
    private const double Q = 5e6;
    private static readonly HeatSinkGeometry Cell = HeatSinkGeometry.Default;
    private static readonly SensorScale Scale = new(1e-3, 237, Tf, Q);

    private readonly string _dir = Directory.CreateTempSubdirectory("heat-sensors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The configured sodium case's own finite-volume field (aluminium, l = 1 mm, Re 1000, grid 8 per l), so the
    // fv-model baseline must reproduce files written from it.
    private static ThermalResult ModelField()
    {
        double biot = new HeatSinkDesign(Cell, 1e-3, 237, Fluid.Sodium, 1000).Biot;
        return HeatSinkSolver.Solve(new HeatSinkCase(Cell, biot), 8);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    // Every solid cell centre of the model grid: in kelvin (x_m,y_m,temperature_K) or as x,y,theta.
    private string WriteModelField(string name, bool kelvin)
    {
        var field = ModelField().Field;
        var g = field.Grid;
        var text = new StringBuilder(kelvin ? "x_m,y_m,temperature_K\n" : "x,y,theta\n");
        for (int j = 0; j < g.Ny; j++)
        {
            for (int i = 0; i < g.Nx; i++)
            {
                if (g.IsSolid(i, j))
                {
                    double x = g.CentreX(i);
                    double y = g.CentreY(j);
                    double theta = field.At(i, j);
                    text.Append(kelvin
                        ? string.Create(CultureInfo.InvariantCulture, $"{x * 1e-3:R},{y * 1e-3:R},{Tf + (theta * Scale.KelvinPerTheta):R}\n")
                        : string.Create(CultureInfo.InvariantCulture, $"{x:R},{y:R},{theta:R}\n"));
                }
            }
        }

        return Write(name, text.ToString());
    }

    private StudyProblem Load(string files, string split = "", string options = "", string sizes = "[0, 4]")
    {
        string config = Path.Combine(_dir, "study.json");
        File.WriteAllText(config, $$"""
            { "study": "t", "seed": 1, "repeats": 2, "problems": [
              { "problem": "heat-sink/water-to-sodium", "sizes": {{sizes}},
                "data": { "files": {{files}} {{(split.Length > 0 ? $", \"split\": {split}" : "")}} },
                "options": { "hidden_layers": [8], "interior_points": 16, "boundary_points": 8, "source_steps": 5, "steps": 5, "grid_cells_per_unit": 8 {{options}} } } ] }
            """);
        return StudyConfigLoader.Load(config, new ProblemCatalog([new HeatSinkModule()]), new ProblemSettings()).Problems.Single();
    }

    private static WaterToSodiumInstance Repeat(StudyProblem entry, int repeat) =>
        (WaterToSodiumInstance)entry.Problem.Create(new ProblemContext(repeat, new SeedTree(1).Child(entry.Id).Child(repeat), new ProblemSettings(), entry.Data));

    private static CellResult Run(StudyProblem entry, WaterToSodiumInstance instance, string strategy, int n = 0) =>
        entry.Problem.Strategies.Find(strategy)!.Run(instance, new StrategyCell(n, Enumerable.Range(0, n).ToArray(), new SeedTree(2).Child(strategy), null, CancellationToken.None));

    [Fact]
    public void Kelvin_sensors_convert_to_theta_with_the_fluid_temperature_heat_flux_conductivity_and_length()
    {
        var t = SensorCsv.Parse("s.csv", "x_m,y_m,temperature_K\n0.0005,0.0002,621.1\n", Cell, Scale);
        Assert.True(t.InKelvin);
        Assert.Equal([0.5, 0.2], t.Points.Select(p => Math.Round(p, 12)));
        Assert.Equal((621.1 - 600) * 237 / (5e6 * 1e-3), t.Theta[0], 12);
        Assert.Equal(2L, t.Rows[0]);
    }

    [Fact]
    public void Non_dimensional_sensors_are_read_as_they_are()
    {
        var t = SensorCsv.Parse("s.csv", "theta,x,y\n1.25,0.1,2.4\n", Cell, Scale with { FluidTemperature = null, HeatFlux = null });
        Assert.False(t.InKelvin);
        Assert.Equal((0.1, 2.4, 1.25), (t.Points[0], t.Points[1], t.Theta[0]));
    }

    [Theory]
    [InlineData("x_m,y,theta\n0.1,0.1,1\n", 1, "(header)")]
    [InlineData("x,y\n0.1,0.1\n", 1, "theta")]
    [InlineData("x,y,theta,depth\n0.1,0.1,1,2\n", 1, "depth")]
    [InlineData("x,y,theta\n0.5,2.0,1\n", 2, "x")]
    [InlineData("x,y,theta\n0.1,0.1,warm\n", 2, "theta")]
    [InlineData("x_m,y_m,temperature_K\n0.0001,0.0001,-3\n", 2, "temperature_K")]
    [InlineData("x,y,theta\n", 1, "(rows)")]
    [InlineData("x,y,theta\n0.1,0.1\n", 2, "theta")]
    public void Sensor_file_errors_name_the_line_and_column(string text, long row, string column)
    {
        var e = Assert.Throws<DataFormatException>(() => SensorCsv.Parse("s.csv", text, Cell, Scale));
        Assert.Equal(("s.csv", row, column), (e.File, e.Row, e.Column));
    }

    [Fact]
    public void A_position_outside_the_solid_is_an_error_that_says_the_frame()
    {
        var e = Assert.Throws<DataFormatException>(() => SensorCsv.Parse("s.csv", "x_m,y_m,temperature_K\n0.0009,0.0015,610\n", Cell, Scale));
        Assert.Contains("outside the solid", e.Message, StringComparison.Ordinal);
        Assert.Contains("fin mid-plane", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kelvin_file_without_the_conversion_options_is_an_error_naming_them()
    {
        string sensors = WriteModelField("s.csv", kelvin: true);
        var e = Assert.Throws<DataFormatException>(() => Load($$"""{ "sensors": "{{sensors}}" }"""));
        Assert.Equal((sensors, "temperature_K"), (e.File, e.Column));
        Assert.Contains("fluid_temperature_k", e.Message, StringComparison.Ordinal);
        Assert.Contains("heat_flux_w_m2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fv_model_baseline_reproduces_files_written_from_the_configured_cases_own_field()
    {
        string sensors = WriteModelField("s.csv", kelvin: true);
        string reference = WriteModelField("r.csv", kelvin: false);
        var entry = Load($$"""{ "sensors": "{{sensors}}", "reference": "{{reference}}" }""", options: ", \"fluid_temperature_k\": 600, \"heat_flux_w_m2\": 5e6");
        var values = Run(entry, Repeat(entry, 0), "fv-model").Values;
        Assert.True(values["rel_l2"] < 1e-12, $"rel_l2 {values["rel_l2"]}");
        Assert.True(values["sensor_rmse"] < 1e-9, $"sensor_rmse {values["sensor_rmse"]} K");
        Assert.Equal(0, values["steps_to_target"]);
        Assert.Contains("(K)", entry.Problem.Description, StringComparison.Ordinal);
        Assert.Equal("K", entry.Problem.Metrics.Single(m => m.Name == "sensor_rmse").Unit);
    }

    [Fact]
    public void Sensor_rmse_is_in_kelvin_for_a_kelvin_file_and_in_theta_for_a_theta_file()
    {
        // The same positions, one file per layout, and a model that is off: the kelvin error is K-per-theta times the theta error.
        string Shifted(string name, bool kelvin)
        {
            string path = WriteModelField(name, kelvin);
            var lines = File.ReadAllLines(path);
            for (int i = 1; i < lines.Length; i++)
            {
                var f = lines[i].Split(',');
                double v = double.Parse(f[2], CultureInfo.InvariantCulture);
                f[2] = (v + (kelvin ? 0.5 * Scale.KelvinPerTheta : 0.5)).ToString("R", CultureInfo.InvariantCulture);
                lines[i] = string.Join(",", f);
            }

            File.WriteAllLines(path, lines);
            return path;
        }

        var k = Load($$"""{ "sensors": "{{Shifted("k.csv", true)}}" }""", options: ", \"fluid_temperature_k\": 600, \"heat_flux_w_m2\": 5e6");
        double kelvinRmse = Run(k, Repeat(k, 0), "fv-model").Values["sensor_rmse"];
        var t = Load($$"""{ "sensors": "{{Shifted("t.csv", false)}}" }""");
        double thetaRmse = Run(t, Repeat(t, 0), "fv-model").Values["sensor_rmse"];
        Assert.Equal(0.5, thetaRmse, 9);
        Assert.Equal(0.5 * Scale.KelvinPerTheta, kelvinRmse, 6);
    }

    [Fact]
    public void Without_a_reference_field_the_field_metrics_are_NaN_and_sensor_rmse_still_scores()
    {
        var entry = Load($$"""{ "sensors": "{{WriteModelField("s.csv", kelvin: false)}}" }""");
        var values = Run(entry, Repeat(entry, 0), "fv-model").Values;
        Assert.True(double.IsNaN(values["rel_l2"]) && double.IsNaN(values["peak_error"]) && double.IsNaN(values["steps_to_target"]));
        Assert.True(values["sensor_rmse"] < 1e-12);
        Assert.Contains("no reference field", entry.Problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_split_holds_out_30_percent_of_the_sensors_drawn_per_repeat()
    {
        string sensors = WriteModelField("s.csv", kelvin: false);
        int total = File.ReadAllLines(sensors).Length - 1;
        var entry = Load($$"""{ "sensors": "{{sensors}}" }""");
        int test = (int)Math.Round(0.3 * total);
        Assert.Equal(total - test, entry.Problem.MaxTargetSize);
        var a = Repeat(entry, 0);
        var b = Repeat(entry, 1);
        Assert.Equal(total - test, a.TargetPoolSize);
        Assert.Equal(total - test, b.TargetPoolSize);
    }

    [Fact]
    public void An_explicit_split_names_sensors_by_line_and_sizes_above_the_pool_are_rejected()
    {
        string sensors = WriteModelField("s.csv", kelvin: false);
        var entry = Load($$"""{ "sensors": "{{sensors}}" }""", """{ "kind": "explicit", "pool": ["2", "3", "4", "5", "6"], "test": ["7", "8"] }""");
        Assert.Equal(5, entry.Problem.MaxTargetSize);
        var e = Assert.Throws<ConfigException>(() => Load($$"""{ "sensors": "{{sensors}}" }""", """{ "kind": "explicit", "pool": ["2", "3"], "test": ["7"] }"""));
        Assert.Equal("$.problems[0].sizes", e.JsonPath);
    }

    [Fact]
    public void Generated_studies_keep_their_metrics_and_strategies_and_offer_no_fv_model()
    {
        var problem = new WaterToSodiumFactory("heat-sink/water-to-sodium", 0).Create(ProblemOptions.Defaults(new WaterToSodiumFactory("x", 0).Options), new ProblemSettings());
        Assert.Equal(["rel_l2", "peak_error", "steps_to_target", "first_steps_to_target", "seconds_to_target", "physics_residual"], problem.Metrics.Select(m => m.Name));
        Assert.Null(problem.Strategies.Find("fv-model"));
    }

    [Fact]
    public void The_example_sensor_study_loads_from_any_working_directory_and_its_sizes_fit_the_pool()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "experiments")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var config = StudyConfigLoader.Load(Path.Combine(root, "experiments", "heat-sink-sensors.json"), new ProblemCatalog([new HeatSinkModule()]), new ProblemSettings());
        var entry = config.Problems.Single();
        Assert.Equal(Path.Combine(root, "datasets", "heat-sink", "sodium-sensors.csv"), entry.Data!.File("sensors"));
        Assert.True(entry.Sizes.Max() <= entry.Problem.MaxTargetSize);
        Assert.NotNull(entry.Problem.Strategies.Find("fv-model"));
    }
}
