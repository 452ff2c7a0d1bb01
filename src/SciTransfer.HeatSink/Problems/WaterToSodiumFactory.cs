using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// Creates "heat-sink/water-to-sodium" (same cell, Bi jumps ~240x) and "heat-sink/water-to-sodium-taller-fin"
/// (the sodium design also has a 1.5x taller fin). Options are documented in docs/heat-sink.md.
/// </summary>
internal sealed class WaterToSodiumFactory : IProblemFactory
{
    private static readonly string[] Solids = ["copper", "aluminium", "stainless"];

    /// <summary>Creates the factory under <paramref name="name"/>; the taller-fin variant sets a default target fin height (0: = fin_height).</summary>
    public WaterToSodiumFactory(string name, double defaultTargetFinHeight)
    {
        Name = name;
        Summary = defaultTargetFinHeight > 0
            ? "PINN of a finned heat-sink cell: water-cooled -> sodium-cooled with a taller fin, n sodium temperature sensors; field error vs a finite-volume reference"
            : "PINN of a finned heat-sink cell: water-cooled -> sodium-cooled (Biot number ~240x larger), n sodium temperature sensors; field error vs a finite-volume reference";
        var targetFin = OptionSpec.Number("target_fin_height", defaultTargetFinHeight > 0 ? defaultTargetFinHeight : null, 1e-3, 100, "fin height of the sodium design (default: fin_height)", "l");
        Options = new OptionSet(
        [
            OptionSpec.Choice("solid", "aluminium", Solids, "solid material (conductivity 390 | 237 | 16 W/(m K) for copper | aluminium | stainless)"),
            OptionSpec.Number("solid_conductivity", null, 1e-3, 1e5, "solid conductivity (default: from solid)", "W/(m K)") with { Optional = true },
            OptionSpec.Number("reference_length_mm", 1.0, 1e-3, 1e3, "reference length l of the non-dimensional geometry", "mm"),
            OptionSpec.Number("half_pitch", 1.0, 1e-3, 100, "half the fin pitch (cell width)", "l"),
            OptionSpec.Number("base_thickness", 0.5, 1e-3, 100, "base plate thickness", "l"),
            OptionSpec.Number("fin_half_thickness", 0.25, 1e-3, 100, "half the fin thickness", "l"),
            OptionSpec.Number("fin_height", 2.0, 1e-3, 100, "fin height of the water design", "l"),
            defaultTargetFinHeight > 0 ? targetFin : targetFin with { Optional = true },
            OptionSpec.Number("water_reynolds", 1000, 1, 1e7, "channel Reynolds number of the water design"),
            OptionSpec.Number("sodium_reynolds", 1000, 1, 1e7, "channel Reynolds number of the sodium design"),
            OptionSpec.Number("water_biot", null, 1e-6, 1e4, "Biot number of the water case (default: from the correlations)") with { Optional = true },
            OptionSpec.Number("sodium_biot", null, 1e-6, 1e4, "Biot number of the sodium case (default: from the correlations)") with { Optional = true },
            OptionSpec.IntegerList("hidden_layers", [24, 24, 24], 1, 1024, "hidden layer widths of the PINN", quick: [16, 16]) with { NonEmpty = true },
            OptionSpec.Integer("interior_points", 256, 4, 100000, "interior collocation points", quick: 64),
            OptionSpec.Integer("boundary_points", 48, 2, 100000, "collocation points per boundary kind", quick: 16),
            OptionSpec.Integer("resample_every", 250, 0, 1000000, "residual-adaptive resampling period (0: fixed points)", "steps", quick: 0),
            OptionSpec.Integer("fresh_points_every", 0, 0, 1000000, "period of drawing fresh uniform collocation points for every physics term (0: off)", "steps"),
            OptionSpec.Boolean("corner_enrichment", false, "add c r^(2/3) cos(2 phi/3) x cutoff about the fin-root corner (trainable c) to the sodium PINN"),
            OptionSpec.Integer("corner_estimate_every", 100, 0, 1000000, "period of re-estimating the corner coefficient c from the PINN's own field (0: never)", "steps"),
            OptionSpec.Number("corner_estimate_radius", 0.2, 1e-3, 100, "radius of the circle about the fin root on which c is estimated", "l"),
            OptionSpec.Choice("corner_estimator", "projection", ["projection", "reciprocal"], "how c is estimated: projection on circles at rho / 2 and rho, extrapolated to 0, or the reciprocity (dual singular function) integral over an arc of radius rho and the walls inside it (rho below the base thickness and twice the fin half thickness)"),
            OptionSpec.Boolean("corner_trainable", false, "train c with the network by Adam (it collapses towards 0 in measurements; see docs)"),
            OptionSpec.NumberList("corner_radii", [0.0, 0.74], 0, 100, "inner and outer radius of the corner term's cutoff (1 inside, 0 outside)", "l"),
            OptionSpec.Number("error_target", 0.1, 1e-6, 10, "relative L2 error counted as reached (steps_to_target)", quick: 0.2),
            OptionSpec.Integer("eval_every", 10, 1, 100000, "error evaluation period", "steps"),
            OptionSpec.Number("learning_rate", 3e-3, 1e-7, 1, "Adam learning rate of pre-training, scratch and data-only"),
            OptionSpec.Number("learning_rate_decay", 0.3, 1e-4, 1, "learning rate at the last Adam step as a fraction of the first"),
            OptionSpec.Integer("steps", 1500, 0, 10000000, "Adam steps on the sodium case", quick: 150),
            OptionSpec.Integer("source_steps", 3000, 0, 10000000, "Adam steps of the water pre-training", quick: 300),
            OptionSpec.Number("fine_tune_learning_rate", null, 1e-7, 1, "Adam learning rate of the fine-tune strategies (default: learning_rate)") with { Optional = true },
            OptionSpec.Integer("head_frozen_layers", null, 0, 1024, "leading layers frozen by fine-tune-head (default: all but the last two)") with { Optional = true },
            OptionSpec.Choice("lr_annealing", "authors", LrAnnealingConventions.Names, "estimator of the fine-tune+lr-annealing weights: the authors' code (max|grad L_pde| / mean|grad (lambda L_k)| over the weight matrices) or the paper text's ratio (max|grad L_pde| / mean|grad L_k| over every parameter, the rule before 2026-12-06)"),
            OptionSpec.Integer("lbfgs_steps", 100, 0, 100000, "L-BFGS iterations of fine-tune+lbfgs", quick: 10),
            OptionSpec.Integer("source_sensors", 64, 0, 100000, "water sensors used in pre-training", quick: 32),
            OptionSpec.Integer("pool_size", 128, 1, 100000, "candidate sodium sensor positions (the target pool; at most the solid cells of the reference grid)"),
            OptionSpec.Number("sensor_noise", 0.0, 0, 1, "relative standard deviation of sensor noise"),
            OptionSpec.Integer("grid_cells_per_unit", 16, 2, 512, "reference grid resolution", "cells per l", quick: 8),
            OptionSpec.Integer("figure_n", 0, 0, 1000000, "n_target whose repeat-0 cell emits the heat-map figures"),
            OptionSpec.Text("figure_strategy", StrategyNames.FineTune, "strategy whose PINN field the figures show (generated data only)"),
            OptionSpec.Number("fluid_temperature_k", null, 1e-3, 1e5, "coolant temperature T_f of a sensor file in kelvin: theta = (T - T_f) k_s / (q'' l)", "K") with { Optional = true },
            OptionSpec.Number("heat_flux_w_m2", null, 1e-6, 1e12, "heat flux q'' into the heated base for a sensor file in kelvin", "W/m^2") with { Optional = true },
            SourceModelOption.Spec,
        ]);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Summary { get; }

    /// <inheritdoc/>
    public OptionSet Options { get; }

    /// <inheritdoc/>
    public DataSpec? Data => SensorDataSet.Spec;

    /// <summary>Solid conductivity in W/(m K) by name.</summary>
    public static double SolidConductivity(string solid) => solid switch
    {
        "copper" => 390.0,
        "aluminium" => 237.0,
        _ => 16.0,
    };

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        double NumberOr(string key, double fallback) => options.Has(key) ? options.Number(key) : fallback;
        string solid = options.Text("solid");
        double lengthMm = options.Number("reference_length_mm");
        double finHeight = options.Number("fin_height");
        var sourceGeometry = new HeatSinkGeometry(options.Number("half_pitch"), options.Number("base_thickness"), options.Number("fin_half_thickness"), finHeight);
        var targetGeometry = sourceGeometry with { FinHeight = NumberOr("target_fin_height", finHeight) };
        foreach (var (key, geo) in new[] { ("fin_half_thickness", sourceGeometry), ("target_fin_height", targetGeometry) })
        {
            try
            {
                geo.Validate();
                geo.CellsPerUnit(8);
            }
            catch (ArgumentException e)
            {
                throw options.Error(key, e.Message);
            }
        }

        double ks = NumberOr("solid_conductivity", SolidConductivity(solid));
        double waterBiot = NumberOr("water_biot", new HeatSinkDesign(sourceGeometry, lengthMm * 1e-3, ks, Fluid.Water, options.Number("water_reynolds")).Biot);
        double sodiumBiot = NumberOr("sodium_biot", new HeatSinkDesign(targetGeometry, lengthMm * 1e-3, ks, Fluid.Sodium, options.Number("sodium_reynolds")).Biot);

        int[] hidden = options.IntList("hidden_layers");
        int headFrozen = options.Has("head_frozen_layers") ? options.Int("head_frozen_layers") : hidden.Length - 1;
        if (headFrozen > hidden.Length)
        {
            throw options.Error("head_frozen_layers", $"must be in 0..{hidden.Length} (the number of hidden layers), found {headFrozen}");
        }

        double lr = options.Number("learning_rate");
        var target = new PinnTrainingOptions
        {
            Steps = options.Int("steps"),
            LearningRate = lr,
            LearningRateDecay = options.Number("learning_rate_decay"),
            InteriorPoints = options.Int("interior_points"),
            BoundaryPoints = options.Int("boundary_points"),
            ResampleEvery = options.Int("resample_every"),
            FreshPointsEvery = options.Int("fresh_points_every"),
            CornerEstimateEvery = options.Int("corner_estimate_every"),
            CornerEstimateRadius = options.Number("corner_estimate_radius"),
            CornerTrainable = options.Bool("corner_trainable"),
            CornerReciprocal = options.Text("corner_estimator") == "reciprocal",
            ErrorTarget = options.Number("error_target"),
            EvalEvery = options.Int("eval_every"),
            LrAnnealing = LrAnnealingConventions.Parse(options.Text("lr_annealing")),
        };
        var source = target with { Steps = options.Int("source_steps") };

        double[] radii = options.NumberList("corner_radii");
        if (radii.Length != 2 || !(radii[0] >= 0 && radii[0] < radii[1]))
        {
            throw options.Error("corner_radii", $"must be two radii [inner, outer] with 0 <= inner < outer, found [{string.Join(", ", radii)}]");
        }

        // The corner term must vanish before the far symmetry plane x = half pitch, or that plane is no longer exact.
        double room = sourceGeometry.HalfPitch - sourceGeometry.FinHalfThickness;
        if (options.Bool("corner_enrichment") && !(radii[1] < room))
        {
            throw options.Error("corner_radii", $"outer radius {radii[1]} must be below half_pitch - fin_half_thickness = {room} (the corner term must vanish before the symmetry plane x = half pitch)");
        }

        // The reciprocity arc must stay in the mirror-extended solid: below the base bottom and the mirror corner.
        double arcRoom = Math.Min(Math.Min(targetGeometry.BaseThickness, 2 * targetGeometry.FinHalfThickness), targetGeometry.HalfPitch - targetGeometry.FinHalfThickness);
        if (options.Bool("corner_enrichment") && options.Text("corner_estimator") == "reciprocal" && !(options.Number("corner_estimate_radius") < arcRoom))
        {
            throw options.Error("corner_estimate_radius", $"radius {options.Number("corner_estimate_radius")} of the reciprocity arc must be below {arcRoom} (base thickness, twice the fin half thickness and half_pitch - fin_half_thickness)");
        }

        string figureStrategy = options.Text("figure_strategy");
        var settingsRecord = new PinnStudySettings
        {
            Source = new HeatSinkCase(sourceGeometry, waterBiot),
            Target = new HeatSinkCase(targetGeometry, sodiumBiot),
            Hidden = hidden,
            SourceTraining = source,
            TargetTraining = target,
            FineTuneLearningRate = NumberOr("fine_tune_learning_rate", lr),
            HeadFrozenLayers = headFrozen,
            LbfgsSteps = options.Int("lbfgs_steps"),
            SourceSensors = options.Int("source_sensors"),
            PoolSize = options.Int("pool_size"),
            SensorNoise = options.Number("sensor_noise"),
            GridCellsPerUnit = options.Int("grid_cells_per_unit"),
            FigureN = options.Int("figure_n"),
            FigureStrategy = figureStrategy,
            CornerRadii = options.Bool("corner_enrichment") ? (radii[0], radii[1]) : null,
            Data = options.Data is { } block
                ? SensorDataSet.Load(block, targetGeometry, new SensorScale(lengthMm * 1e-3, ks, options.Has("fluid_temperature_k") ? options.Number("fluid_temperature_k") : null, options.Has("heat_flux_w_m2") ? options.Number("heat_flux_w_m2") : null))
                : null,
        };
        var problem = new WaterToSodiumProblem(Name, settingsRecord) { Warnings = DeviceWarnings(settings.Device, settingsRecord) };
        // The generic fine-tuning strategies (l2-sp, bitfit, ...) score through IEngineNetworkInstance, which knows no
        // cell, so only the problem's own PINN strategies can draw the field figures.
        var drawable = problem.Strategies.Where(s => s.InstanceType == typeof(WaterToSodiumInstance)).Select(s => s.Name).ToList();
        if (!drawable.Contains(figureStrategy, StringComparer.Ordinal))
        {
            throw options.Error("figure_strategy", $"'{figureStrategy}' is not one of: {string.Join(", ", drawable)}");
        }

        return problem;
    }

    // What a device run does with this problem (recorded in run.json "warnings" and the report): which trainings run on
    // the device and which fall back to the CPU (DevicePinnTraining.Unsupported is the rule applied per training).
    private static IReadOnlyList<string> DeviceWarnings(string device, PinnStudySettings s)
    {
        if (!Core.Gpu.EngineDevices.IsAccelerated(device))
        {
            return [];
        }

        string onDevice = s.CornerRadii is null
            ? "the water source, scratch, fine-tune, fine-tune-head and data-only"
            : "the water source and data-only (corner_enrichment keeps every sodium-physics training on the CPU)";
        return [$"device '{device}': PINN training with fixed loss weights ({onDevice}) runs on the device; trainings with another loss balancing, corner enrichment, L-BFGS (fine-tune+lbfgs), a training hook or an element mask (l2-sp and lora always; bitfit and head-only when they use one) train on the CPU (docs/heat-sink.md, \"Device\")"];
    }
}
