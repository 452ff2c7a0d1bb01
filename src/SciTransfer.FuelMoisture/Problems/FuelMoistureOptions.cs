using SciTransfer.FuelMoisture.Physics;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// Options of a fuel-moisture problem (the "options" object of a study entry), with full-study defaults
/// and smaller quick-mode defaults. Every key is documented in docs/fuel-moisture.md.
/// </summary>
public sealed record FuelMoistureOptions
{
    /// <summary>Target class time lag, hours.</summary>
    public int TargetClassHours { get; init; }

    /// <summary>Drying coefficient a of Ed.</summary>
    public double DryingCoefficient { get; init; } = EquilibriumMoisture.CanonicalDryingCoefficient;

    /// <summary>Tr = RainFactor * T_k.</summary>
    public double RainFactor { get; init; } = TimeLagModel.DefaultRainFactor;

    /// <summary>Physics spin-up before every window, days.</summary>
    public int SpinUpDays { get; init; } = 250;

    /// <summary>Source stations used for training.</summary>
    public int SourceStations { get; init; } = 16;

    /// <summary>Source stations held out for early stopping.</summary>
    public int ValidationStations { get; init; } = 3;

    /// <summary>Days of hourly 10-h data per source station.</summary>
    public int SourceDays { get; init; } = 45;

    /// <summary>Target stations whose weighings form the pool.</summary>
    public int TargetStations { get; init; } = 5;

    /// <summary>Target stations whose hourly data form the test set.</summary>
    public int TestStations { get; init; } = 4;

    /// <summary>Days with target observations.</summary>
    public int ObservationDays { get; init; } = 20;

    /// <summary>Days of weather before the observation window that the models (and the physics baseline) run over.</summary>
    public int LeadInDays { get; init; } = 21;

    /// <summary>Sensor noise of the hourly 10-h source data, % (sd).</summary>
    public double SensorNoise { get; init; } = 0.5;

    /// <summary>Weighing noise sd = WeighingNoise + WeighingRelativeNoise * m, %.</summary>
    public double WeighingNoise { get; init; } = 0.3;

    /// <summary>Relative part of the weighing noise.</summary>
    public double WeighingRelativeNoise { get; init; } = 0.03;

    /// <summary>LSTM units (64 as published).</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Upper bound of the chrono initialisation time scales, hours.</summary>
    public double ChronoMaxHours { get; init; } = 48;

    /// <summary>Source training: epochs (upper bound; early stopping with patience 5).</summary>
    public int SourceEpochs { get; init; } = 40;

    /// <summary>Source training: windows visited per epoch (a cost cap; 0 = all stride-1 windows).</summary>
    public int SourceWindowsPerEpoch { get; init; } = 3200;

    /// <summary>True: target training on 48-h windows, stride 12 (as published); false: whole sequences (default).</summary>
    public bool FineTuneWindows { get; init; }

    /// <summary>Target training length for fine-tune, freeze-lstm, time-warp+fine-tune: epochs over windows, or Adam steps over whole sequences.</summary>
    public int FineTuneEpochs { get; init; } = 100;

    /// <summary>Target training length from scratch (epochs or steps, as above).</summary>
    public int ScratchEpochs { get; init; } = 200;

    /// <summary>Learning rate of fine-tuning and scratch training.</summary>
    public double TargetLearningRate { get; init; } = 3e-3;

    /// <summary>Grid points per axis of the time-warp search (25 as published).</summary>
    public int GridPoints { get; init; } = 25;

    /// <summary>Half-width of the grid, [-range, range]^2.</summary>
    public double GridRange { get; init; } = 5.0;

    /// <summary>Adam iterations of time-warp-gradient.</summary>
    public int WarpIterations { get; init; } = 60;

    /// <summary>n_target at which repeat 0 emits the time-series figure.</summary>
    public int FigureN { get; init; } = 4;

    /// <summary>Reads the options; quick mode lowers the defaults (explicit values still win).</summary>
    public static FuelMoistureOptions Read(OptionsReader options, ProblemSettings settings, int targetClassHours)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        bool q = settings.Quick;
        var d = new FuelMoistureOptions();
        int leadIn = targetClassHours >= 1000 ? 60 : 21;
        return new FuelMoistureOptions
        {
            TargetClassHours = targetClassHours,
            DryingCoefficient = options.GetDouble("drying_coefficient", d.DryingCoefficient, 0.5, 1.5),
            RainFactor = options.GetDouble("rain_factor", d.RainFactor, 0.01, 100),
            SpinUpDays = options.GetInt("spin_up_days", q ? 160 : d.SpinUpDays, 0, 2000),
            SourceStations = options.GetInt("source_stations", q ? 3 : d.SourceStations, 1, 500),
            ValidationStations = options.GetInt("validation_stations", q ? 1 : d.ValidationStations, 1, 100),
            SourceDays = options.GetInt("source_days", q ? 30 : d.SourceDays, 3, 3650),
            TargetStations = options.GetInt("target_stations", q ? 2 : d.TargetStations, 1, 100),
            TestStations = options.GetInt("test_stations", q ? 2 : d.TestStations, 1, 100),
            ObservationDays = options.GetInt("observation_days", q ? 15 : d.ObservationDays, 1, 3650),
            LeadInDays = options.GetInt("lead_in_days", q ? Math.Min(leadIn, 30) : leadIn, 0, 2000),
            SensorNoise = options.GetDouble("sensor_noise", d.SensorNoise, 0, 20),
            WeighingNoise = options.GetDouble("weighing_noise", d.WeighingNoise, 0, 20),
            WeighingRelativeNoise = options.GetDouble("weighing_relative_noise", d.WeighingRelativeNoise, 0, 1),
            Hidden = options.GetInt("hidden", d.Hidden, 1, 1024),
            ChronoMaxHours = options.GetDouble("chrono_max_hours", d.ChronoMaxHours, 2.5, 1e5),
            SourceEpochs = options.GetInt("source_epochs", q ? 6 : d.SourceEpochs, 1, 1000),
            SourceWindowsPerEpoch = options.GetInt("source_windows_per_epoch", q ? 640 : d.SourceWindowsPerEpoch, 0, 10_000_000),
            FineTuneWindows = options.GetBool("fine_tune_windows", d.FineTuneWindows),
            FineTuneEpochs = options.GetInt("fine_tune_epochs", q ? 40 : d.FineTuneEpochs, 1, 10000),
            ScratchEpochs = options.GetInt("scratch_epochs", q ? 80 : d.ScratchEpochs, 1, 10000),
            TargetLearningRate = options.GetDouble("target_learning_rate", d.TargetLearningRate, 1e-6, 1),
            GridPoints = options.GetInt("grid_points", q ? 9 : d.GridPoints, 1, 201),
            GridRange = options.GetDouble("grid_range", d.GridRange, 0, 20),
            WarpIterations = options.GetInt("warp_iterations", q ? 20 : d.WarpIterations, 0, 10000),
            FigureN = options.GetInt("figure_n", d.FigureN, 0, int.MaxValue),
        };
    }
}
