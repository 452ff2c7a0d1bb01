using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// Creates "heat-sink/water-to-sodium" (same cell, Bi jumps ~240x) and "heat-sink/water-to-sodium-taller-fin"
/// (the sodium design also has a 1.5x taller fin). Options are documented in docs/heat-sink.md.
/// </summary>
public sealed class WaterToSodiumFactory : IProblemFactory
{
    private static readonly string[] Solids = ["copper", "aluminium", "stainless"];
    private readonly double _defaultTargetFinHeight;

    /// <summary>Creates the factory under <paramref name="name"/>; the taller-fin variant sets a default target fin height.</summary>
    public WaterToSodiumFactory(string name, double defaultTargetFinHeight)
    {
        Name = name;
        _defaultTargetFinHeight = defaultTargetFinHeight;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Solid conductivity in W/(m K) by name.</summary>
    public static double SolidConductivity(string solid) => solid switch
    {
        "copper" => 390.0,
        "aluminium" => 237.0,
        _ => 16.0,
    };

    /// <inheritdoc/>
    public ITransferProblem Create(OptionsReader options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        bool quick = settings.Quick;
        string solid = options.GetChoice("solid", "aluminium", Solids);
        double lengthMm = options.GetDouble("reference_length_mm", 1.0, 1e-3, 1e3);
        double halfPitch = options.GetDouble("half_pitch", 1.0, 1e-3, 100);
        double baseThickness = options.GetDouble("base_thickness", 0.5, 1e-3, 100);
        double finHalf = options.GetDouble("fin_half_thickness", 0.25, 1e-3, 100);
        double finHeight = options.GetDouble("fin_height", 2.0, 1e-3, 100);
        double targetFinHeight = options.GetDouble("target_fin_height", _defaultTargetFinHeight > 0 ? _defaultTargetFinHeight : finHeight, 1e-3, 100);
        double waterRe = options.GetDouble("water_reynolds", 1000, 1, 1e7);
        double sodiumRe = options.GetDouble("sodium_reynolds", 1000, 1, 1e7);
        var sourceGeometry = new HeatSinkGeometry(halfPitch, baseThickness, finHalf, finHeight);
        var targetGeometry = sourceGeometry with { FinHeight = targetFinHeight };
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

        double ks = options.GetDouble("solid_conductivity", SolidConductivity(solid), 1e-3, 1e5);
        double waterBiot = new HeatSinkDesign(sourceGeometry, lengthMm * 1e-3, ks, Fluid.Water, waterRe).Biot;
        double sodiumBiot = new HeatSinkDesign(targetGeometry, lengthMm * 1e-3, ks, Fluid.Sodium, sodiumRe).Biot;
        waterBiot = options.GetDouble("water_biot", waterBiot, 1e-6, 1e4);
        sodiumBiot = options.GetDouble("sodium_biot", sodiumBiot, 1e-6, 1e4);

        int[] hidden = options.GetIntArray("hidden_layers", quick ? [16, 16] : [24, 24, 24]);
        if (hidden.Length == 0 || hidden.Any(h => h < 1 || h > 1024))
        {
            throw options.Error("hidden_layers", "needs one or more widths between 1 and 1024");
        }

        int interior = options.GetInt("interior_points", quick ? 64 : 256, 4, 100000);
        int boundary = options.GetInt("boundary_points", quick ? 16 : 48, 2, 100000);
        int resample = options.GetInt("resample_every", quick ? 0 : 250, 0, 1000000);
        double errorTarget = options.GetDouble("error_target", quick ? 0.2 : 0.1, 1e-6, 10);
        int evalEvery = options.GetInt("eval_every", 10, 1, 100000);
        double lr = options.GetDouble("learning_rate", 3e-3, 1e-7, 1);
        double decay = options.GetDouble("learning_rate_decay", 0.3, 1e-4, 1);
        var target = new PinnTrainingOptions
        {
            Steps = options.GetInt("steps", quick ? 150 : 1500, 0, 10000000),
            LearningRate = lr,
            LearningRateDecay = decay,
            InteriorPoints = interior,
            BoundaryPoints = boundary,
            ResampleEvery = resample,
            ErrorTarget = errorTarget,
            EvalEvery = evalEvery,
        };
        var source = target with
        {
            Steps = options.GetInt("source_steps", quick ? 300 : 3000, 0, 10000000),
        };

        string figureStrategy = options.GetString("figure_strategy", "fine-tune");
        var settingsRecord = new PinnStudySettings
        {
            Source = new HeatSinkCase(sourceGeometry, waterBiot),
            Target = new HeatSinkCase(targetGeometry, sodiumBiot),
            Hidden = hidden,
            SourceTraining = source,
            TargetTraining = target,
            FineTuneLearningRate = options.GetDouble("fine_tune_learning_rate", lr, 1e-7, 1),
            HeadFrozenLayers = options.GetInt("head_frozen_layers", hidden.Length - 1, 0, hidden.Length),
            LbfgsSteps = options.GetInt("lbfgs_steps", quick ? 10 : 100, 0, 100000),
            SourceSensors = options.GetInt("source_sensors", quick ? 32 : 64, 0, 100000),
            PoolSize = options.GetInt("pool_size", 128, 1, 100000),
            SensorNoise = options.GetDouble("sensor_noise", 0.0, 0, 1),
            GridCellsPerUnit = options.GetInt("grid_cells_per_unit", quick ? 8 : 16, 2, 512),
            FigureN = options.GetInt("figure_n", 0, 0, 1000000),
            FigureStrategy = figureStrategy,
        };
        var problem = new WaterToSodiumProblem(Name, settingsRecord);
        if (!problem.Strategies.Contains(figureStrategy))
        {
            throw options.Error("figure_strategy", $"'{figureStrategy}' is not one of: {string.Join(", ", problem.Strategies)}");
        }

        return problem;
    }
}
