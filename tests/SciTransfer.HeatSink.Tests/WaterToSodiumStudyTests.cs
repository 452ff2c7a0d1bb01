using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

public sealed class WaterToSodiumStudyTests
{
    private const string SmallOptions = """
        { "hidden_layers": [16, 16], "interior_points": 96, "boundary_points": 24, "source_steps": 800,
          "steps": 400, "error_target": 0.2, "grid_cells_per_unit": 8, "source_sensors": 48, "resample_every": 0,
          "learning_rate": 0.003 }
        """;

    private static ITransferProblem Configure(string name, string options, string file = "test.json", string jsonPath = "$.options")
    {
        var factory = new HeatSinkModule().Problems.Single(p => p.Name == name);
        var reader = new OptionsReader(file, jsonPath, JsonDocument.Parse(options).RootElement);
        var problem = factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings());
        reader.EnsureAllKeysUsed();
        return problem;
    }

    private static (ITransferProblem Problem, WaterToSodiumInstance Instance, int[] Perm, SeedTree Seeds) Setup(string name, string options)
    {
        var problem = Configure(name, options);
        var seeds = new SeedTree(20261121).Child(name).Child(0);
        var instance = (WaterToSodiumInstance)problem.Create(new ProblemContext(0, seeds, new ProblemSettings()));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
        var perm = seeds.Child("target-subset").CreateRng().Permutation(instance.TargetPoolSize);
        return (problem, instance, perm, seeds);
    }

    private static CellResult Run(ITransferProblem problem, ProblemInstance instance, int[] perm, SeedTree seeds, string strategy, int n) =>
        problem.Strategies.Find(strategy)!.Run(instance, new StrategyCell(n, perm.AsMemory(0, n), seeds.Child("cell").Child(strategy).Child(n), null, CancellationToken.None));

    [Trait("Category", "Slow")]

    [Fact]
    public void Fine_tuning_the_water_model_reaches_the_error_target_in_fewer_steps_than_scratch()
    {
        var (problem, instance, perm, seeds) = Setup("heat-sink/water-to-sodium", SmallOptions);
        var fine = Run(problem, instance, perm, seeds, "fine-tune", 8);
        var scratch = Run(problem, instance, perm, seeds, "scratch", 8);
        double fineSteps = fine.Values["steps_to_target"];
        double scratchSteps = scratch.Values["steps_to_target"];
        Assert.False(double.IsNaN(fineSteps), $"fine-tune never reached the target (final error {fine.Values["rel_l2"]:F3})");
        Assert.True(double.IsNaN(scratchSteps) || fineSteps < scratchSteps, $"fine-tune {fineSteps} steps, scratch {scratchSteps}");
    }

    [Fact]
    public void Every_strategy_reports_exactly_the_declared_metrics_and_repeats_exactly()
    {
        const string tiny = """
            { "hidden_layers": [8], "interior_points": 24, "boundary_points": 8, "source_steps": 30, "steps": 15,
              "grid_cells_per_unit": 4, "lbfgs_steps": 3, "pool_size": 16 }
            """;
        var (problem, instance, perm, seeds) = Setup("heat-sink/water-to-sodium-taller-fin", tiny);
        var declared = problem.Metrics.Select(m => m.Name).Order().ToArray();
        foreach (string strategy in problem.Strategies.Names())
        {
            var a = Run(problem, instance, perm, seeds, strategy, 4);
            var b = Run(problem, instance, perm, seeds, strategy, 4);
            Assert.Equal(declared, a.Values.Keys.Order().ToArray());
            foreach (string metric in declared.Where(m => m != "seconds_to_target"))
            {
                Assert.Equal(a.Values[metric], b.Values[metric]);
            }
        }
    }

    [Fact]
    public void The_fine_tune_cell_at_the_figure_size_emits_reference_field_and_signed_difference_maps()
    {
        const string tiny = """{ "hidden_layers": [8], "interior_points": 24, "boundary_points": 8, "source_steps": 20, "steps": 10, "grid_cells_per_unit": 4 }""";
        var (problem, instance, perm, seeds) = Setup("heat-sink/water-to-sodium", tiny);
        var figures = Run(problem, instance, perm, seeds, "fine-tune", 0).Figures.Cast<HeatMapFigure>().ToList();
        Assert.Equal(3, figures.Count);
        Assert.All(figures, f => Assert.Equal(f.Nx * f.Ny, f.Values.Length));
        Assert.False(figures[0].Diverging);
        Assert.True(figures[2].Diverging);
        for (int i = 0; i < figures[0].Values.Length; i++)
        {
            double r = figures[0].Values[i];
            Assert.Equal(double.IsNaN(r), double.IsNaN(figures[2].Values[i]));
            if (!double.IsNaN(r))
            {
                Assert.Equal(figures[1].Values[i] - r, figures[2].Values[i], 12);
            }
        }

        Assert.Empty(Run(problem, instance, perm, seeds, "scratch", 0).Figures);
    }

    [Fact]
    public void Training_through_the_fine_tuning_capability_without_hooks_is_the_fine_tune_strategy_bit_for_bit()
    {
        const string tiny = """{ "hidden_layers": [8], "interior_points": 24, "boundary_points": 8, "source_steps": 20, "steps": 10, "grid_cells_per_unit": 4, "error_target": 0.9 }""";
        var (problem, instance, perm, seeds) = Setup("heat-sink/water-to-sodium", tiny);
        var cellSeeds = seeds.Child("cell").Child("fine-tune").Child(4);
        var direct = Run(problem, instance, perm, seeds, "fine-tune", 4);
        var model = instance.CloneSource();
        instance.Train(model, perm.AsSpan(0, 4), Transfer.FineTuning.TrainingHooks.None, cellSeeds.Child("train").CreateRng(), CancellationToken.None);
        var viaCapability = instance.Score(model);
        foreach (var metric in problem.Metrics.Where(m => !m.IsTiming))
        {
            Assert.Equal(direct.Values[metric.Name], viaCapability.Values[metric.Name]);
        }

        Assert.Contains("l2-sp", problem.Strategies.Names());
        Assert.Contains("lora", problem.Strategies.Names());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_generic_fine_tuning_strategies_improve_on_the_water_network_at_eight_sensors()
    {
        var (problem, instance, perm, seeds) = Setup("heat-sink/water-to-sodium", SmallOptions);
        double sourceOnly = Run(problem, instance, perm, seeds, "source-only", 8).Values["rel_l2"];
        foreach (string name in new[] { "l2-sp", "bitfit", "head-only", "lora" })
        {
            double e = Run(problem, instance, perm, seeds, name, 8).Values["rel_l2"];
            Assert.True(double.IsFinite(e) && e < sourceOnly, $"{name}: rel_l2 {e:F3} vs source-only {sourceOnly:F3}");
        }
    }

    [Fact]
    public void A_cached_water_model_restored_from_disk_gives_the_same_cells()
    {
        const string tiny = """{ "hidden_layers": [8], "interior_points": 24, "boundary_points": 8, "source_steps": 20, "steps": 10, "grid_cells_per_unit": 4 }""";
        var (problem, instance, perm, seeds) = Setup("heat-sink/water-to-sodium", tiny);
        using var stream = new MemoryStream();
        Assert.True(instance.SaveSource(instance.Source, stream));
        stream.Position = 0;
        var restored = (WaterToSodiumInstance)problem.Create(new ProblemContext(0, seeds, new ProblemSettings()));
        restored.UseSource(restored.LoadSource(stream));
        foreach (string strategy in new[] { "source-only", "fine-tune" })
        {
            var a = Run(problem, instance, perm, seeds, strategy, 4);
            var b = Run(problem, restored, perm, seeds, strategy, 4);
            Assert.Equal(a.Values["rel_l2"], b.Values["rel_l2"]);
            Assert.Equal(a.Values["steps_to_target"], b.Values["steps_to_target"]);
        }
    }

    [Fact]
    public void A_fin_as_wide_as_the_pitch_is_rejected_naming_the_option()
    {
        var e = Assert.Throws<ConfigException>(() => Configure("heat-sink/water-to-sodium", """{ "fin_half_thickness": 1.5 }""", "study.json", "$.problems[0].options"));
        Assert.Equal("$.problems[0].options.fin_half_thickness", e.JsonPath);
    }

    [Theory]
    [InlineData("""{ "corner_radii": [0.5, 0.3] }""")]
    [InlineData("""{ "corner_radii": [0.1] }""")]
    [InlineData("""{ "corner_enrichment": true, "corner_radii": [0.0, 0.8] }""")]
    public void Bad_corner_radii_are_rejected_naming_the_option(string options)
    {
        var e = Assert.Throws<ConfigException>(() => Configure("heat-sink/water-to-sodium", options, "study.json", "$.problems[0].options"));
        Assert.Equal("$.problems[0].options.corner_radii", e.JsonPath);
    }

    [Theory]
    [InlineData("""{ "corner_enrichment": true, "corner_estimator": "reciprocal", "corner_estimate_radius": 0.5 }""", "corner_estimate_radius")]
    [InlineData("""{ "corner_enrichment": true, "corner_estimator": "contour" }""", "corner_estimator")]
    public void Bad_reciprocal_estimator_options_are_rejected_naming_the_option(string options, string name)
    {
        // Radius 0.5 reaches the base bottom and the mirror corner of the default cell (base 0.5, fin half thickness 0.25).
        var e = Assert.Throws<ConfigException>(() => Configure("heat-sink/water-to-sodium", options, "study.json", "$.problems[0].options"));
        Assert.Equal("$.problems[0].options." + name, e.JsonPath);
    }

    [Fact]
    public void Reciprocal_estimator_reaches_the_training_options_and_is_off_by_default()
    {
        var plain = (WaterToSodiumProblem)Configure("heat-sink/water-to-sodium", "{}");
        Assert.False(plain.Settings.TargetTraining.CornerReciprocal);
        var on = (WaterToSodiumProblem)Configure("heat-sink/water-to-sodium", """{ "corner_enrichment": true, "corner_estimator": "reciprocal", "corner_estimate_radius": 0.3 }""");
        Assert.True(on.Settings.TargetTraining.CornerReciprocal);
        Assert.Equal(0.3, on.Settings.TargetTraining.CornerEstimateRadius);
    }

    [Fact]
    public void Corner_options_reach_the_settings_and_stay_off_by_default()
    {
        var plain = (WaterToSodiumProblem)Configure("heat-sink/water-to-sodium", "{}");
        Assert.Null(plain.Settings.CornerRadii);
        Assert.Equal(0, plain.Settings.TargetTraining.FreshPointsEvery);
        var on = (WaterToSodiumProblem)Configure("heat-sink/water-to-sodium", """{ "corner_enrichment": true, "fresh_points_every": 1, "corner_estimate_every": 50 }""");
        Assert.Equal((0.0, 0.74), on.Settings.CornerRadii);
        Assert.Equal(1, on.Settings.TargetTraining.FreshPointsEvery);
        Assert.Equal(50, on.Settings.TargetTraining.CornerEstimateEvery);
    }

    [Fact]
    public void Sodium_Biot_number_is_about_two_hundred_times_the_water_one_for_laminar_flow()
    {
        var problem = (WaterToSodiumProblem)Configure("heat-sink/water-to-sodium", "{}");

        // h ratio = (Nu_Lyon(Pe 5.7) k_Na) / (Nu_ShahLondon(0.75) k_water) with the same D_h and solid:
        // (7.100609709080 * 75) / (3.702990792480 * 0.61), evaluated independently (docs/testing.md).
        double ratio = problem.Settings.Target.Biot / problem.Settings.Source.Biot;
        Assert.Equal(235.762342611310, ratio, 1e-9);
        Assert.Equal(0.005559694333, problem.Settings.Source.Biot, 1e-11);  // aluminium, 1 mm cell
        Assert.Equal(1.310766560221, problem.Settings.Target.Biot, 1e-9);
        Assert.InRange(ratio, 100, 400);
    }

    [Fact]
    public void Every_loss_balancer_but_fixed_gets_its_own_fine_tune_strategy_and_all_transfer_strategies_need_the_source()
    {
        var problem = Configure("heat-sink/water-to-sodium", "{}");
        var names = problem.Strategies.Names();
        Assert.Equal(["source-only", "scratch", "fine-tune", "fine-tune-head", "data-only", "fine-tune+lbfgs"], names.Take(6));
        int balancers = Pinn.Balancing.LossBalancers.Names.Count - 1;
        Assert.Equal(Pinn.Balancing.LossBalancers.Names.Where(n => n != "fixed").Select(n => "fine-tune+" + n), names.Skip(6).Take(balancers));
        Assert.Equal(["l2-sp", "bitfit", "head-only", "lora"], names.Skip(6 + balancers));
        Assert.All(problem.Strategies.Skip(6 + balancers), s => Assert.True(s.Needs.HasFlag(StrategyNeeds.Source), s.Name));
        Assert.All(problem.Strategies.Where(s => s.Name.StartsWith("fine-tune", StringComparison.Ordinal) || s.Name == "source-only"), s => Assert.True(s.Needs.HasFlag(StrategyNeeds.Source), s.Name));
        Assert.False(problem.Strategies.Where(s => s.Name is "scratch" or "data-only").AnyNeedsSource());
    }

    [Fact]
    public void The_sensor_pool_is_bounded_by_the_solid_cells_of_the_reference_grid()
    {
        // Default cell: area 1 (base 1 x 0.5 + fin 0.25 x 2); 8 cells per unit gives 64 solid cells.
        Assert.Equal(64, Configure("heat-sink/water-to-sodium", """{ "grid_cells_per_unit": 8 }""").MaxTargetSize);
        Assert.Equal(128, Configure("heat-sink/water-to-sodium", "{}").MaxTargetSize);
        Assert.Equal(32, Configure("heat-sink/water-to-sodium", """{ "pool_size": 32 }""").MaxTargetSize);
    }

    [Fact]
    public void Head_frozen_layers_beyond_the_hidden_layers_is_rejected_naming_the_option()
    {
        var e = Assert.Throws<ConfigException>(() => Configure("heat-sink/water-to-sodium", """{ "hidden_layers": [8, 8], "head_frozen_layers": 3 }""", "study.json", "$.problems[0].options"));
        Assert.Equal("$.problems[0].options.head_frozen_layers", e.JsonPath);
    }

    [Fact]
    public void Quick_mode_shrinks_the_declared_defaults_as_before()
    {
        var quick = ProblemOptions.Defaults(new HeatSinkModule().Problems[0].Options, quick: true);
        Assert.Equal([16, 16], quick.IntList("hidden_layers"));
        Assert.Equal((150, 300, 64, 16, 0, 8), (quick.Int("steps"), quick.Int("source_steps"), quick.Int("interior_points"), quick.Int("boundary_points"), quick.Int("resample_every"), quick.Int("grid_cells_per_unit")));
        Assert.Equal(0.2, quick.Number("error_target"));
    }
}
