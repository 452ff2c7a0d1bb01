using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// Options of a fuel-moisture problem (the "options" object of a study entry), declared with full-study defaults
/// and smaller quick-mode defaults (<see cref="Declared"/>). Every key is documented in docs/fuel-moisture.md.
/// </summary>
public sealed record FuelMoistureOptions
{
    /// <summary>Target class time lag, hours.</summary>
    public int TargetClassHours { get; init; }

    /// <summary>Drying coefficient a of Ed.</summary>
    public double DryingCoefficient { get; init; } = EquilibriumMoisture.CanonicalDryingCoefficient;

    /// <summary>Tr = RainFactor * T_k.</summary>
    public double RainFactor { get; init; } = TimeLagModel.DefaultRainFactor;

    /// <summary>Tr in hours for every class (the published ODE's 14 h), or null: Tr = <see cref="RainFactor"/> T_k.</summary>
    public double? RainTimeConstantHours { get; init; }

    /// <summary>How the loaders treat messy records of a user's files (data block only).</summary>
    public FuelCsvOptions Csv { get; init; } = FuelCsvOptions.Default;

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

    /// <summary>
    /// coral and importance-weighting: epochs (of <see cref="SourceWindowsPerEpoch"/> windows) of continued training of
    /// the source network on the aligned or weighted source, before the fine-tune on the target subset.
    /// </summary>
    public int AdaptationEpochs { get; init; } = 5;

    /// <summary>Generator-only options: they shape generated data and are rejected with a data block, where they would be silently ignored.</summary>
    public static IReadOnlyList<string> GeneratorOptions { get; } =
    [
        "spin_up_days", "source_stations", "validation_stations", "source_days", "target_stations", "test_stations",
        "observation_days", "lead_in_days", "sensor_noise", "weighing_noise", "weighing_relative_noise",
    ];

    /// <summary>
    /// Options rejected without a data block. observation_time and rh_above_100 also act only on files, but as choices
    /// with defaults they appear in every starter config, so they are accepted (and have no effect) on generated data.
    /// </summary>
    public static IReadOnlyList<string> DataOptions { get; } = [SourceStationIds];

    /// <summary>The time-lag model of class <paramref name="timeLagHours"/> with this study's rain time constant.</summary>
    public TimeLagModel Model(double timeLagHours) =>
        RainTimeConstantHours is { } tr ? new TimeLagModel(timeLagHours, tr) : TimeLagModel.ForClass(timeLagHours, RainFactor);

    /// <summary>Option naming the 10-h source stations of a user's data (valid only with a data block).</summary>
    public const string SourceStationIds = "source_station_ids";

    /// <summary>
    /// The declared options of the problem for target class <paramref name="targetClassHours"/> (the lead-in
    /// default is 60 days for 1000-h fuels, 21 otherwise; quick mode caps it at 30).
    /// </summary>
    public static OptionSet Declared(int targetClassHours)
    {
        var d = new FuelMoistureOptions();
        int leadIn = targetClassHours >= 1000 ? 60 : 21;
        return new(
        [
            OptionSpec.Number("drying_coefficient", d.DryingCoefficient, 0.5, 1.5, "coefficient a of the drying equilibrium Ed (0.924 is the group's Python value)"),
            OptionSpec.Number("rain_factor", d.RainFactor, 0.01, 100, "rain time lag Tr = rain_factor x T_k (1.4: NCAR's fire code; 14: WRF-SFIRE's 14 T_k); ignored when rain_time_constant_h is given"),
            OptionSpec.Number("rain_time_constant_h", null, 0.01, 1e5, "rain time lag Tr in hours for every class (14 in the published ODE); replaces rain_factor", "h") with { Optional = true },
            OptionSpec.Integer("spin_up_days", d.SpinUpDays, 0, 2000, "generated data: physics spin-up before every window", "d", quick: 160),
            OptionSpec.Integer("source_stations", d.SourceStations, 1, 500, "generated data: 10-h source training stations", quick: 3),
            OptionSpec.Integer("validation_stations", d.ValidationStations, 1, 100, "generated data: 10-h source stations held out for early stopping", quick: 1),
            OptionSpec.Integer("source_days", d.SourceDays, 3, 3650, "generated data: days of hourly 10-h readings per source station", "d", quick: 30),
            OptionSpec.Integer("target_stations", d.TargetStations, 1, 100, "generated data: pool stations (twice-daily weighings)", quick: 2),
            OptionSpec.Integer("test_stations", d.TestStations, 1, 100, "generated data: test stations (hourly weighings)", quick: 2),
            OptionSpec.Integer("observation_days", d.ObservationDays, 1, 3650, "generated data: days with target observations", "d", quick: 15),
            OptionSpec.Integer("lead_in_days", leadIn, 0, 2000, "generated data: days of weather before the observation window that models and physics run over", "d", quick: Math.Min(leadIn, 30) == leadIn ? null : Math.Min(leadIn, 30)),
            OptionSpec.Number("sensor_noise", d.SensorNoise, 0, 20, "generated data: sd of the hourly 10-h sensor readings", "%"),
            OptionSpec.Number("weighing_noise", d.WeighingNoise, 0, 20, "generated data: absolute part of the weighing noise sd", "%"),
            OptionSpec.Number("weighing_relative_noise", d.WeighingRelativeNoise, 0, 1, "generated data: relative part of the weighing noise sd (x moisture)"),
            OptionSpec.Choice("observation_time", FuelCsvOptions.Name(ObservationTimePolicy.NearestHour), ["nearest-hour", "error"], "data block only: observation times off the hour (a weighing at 05:37) are rounded to the nearest hour (with a warning) or an error"),
            OptionSpec.Choice("rh_above_100", FuelCsvOptions.Name(HumidityAbove100Policy.Clip), ["clip", "error"], "data block only: relative humidity in (100, 110] % is clipped to 100 (with a warning) or an error"),
            OptionSpec.TextList(SourceStationIds, null, "data block only: 10-h source training stations (default: every station with source observations except the test and validation stations)") with { Optional = true, NonEmpty = true },
            OptionSpec.Integer("hidden", d.Hidden, 1, 1024, "LSTM units (64 as published)"),
            OptionSpec.Number("chrono_max_hours", d.ChronoMaxHours, 2.5, 1e5, "upper bound of the chrono initialisation time scales", "h"),
            OptionSpec.Integer("source_epochs", d.SourceEpochs, 1, 1000, "source training epochs (upper bound; early stopping with patience 5)", quick: 6),
            OptionSpec.Integer("source_windows_per_epoch", d.SourceWindowsPerEpoch, 0, 10_000_000, "source training windows visited per epoch (0 = all stride-1 windows)", quick: 640),
            OptionSpec.Boolean("fine_tune_windows", d.FineTuneWindows, "target training on 48-h windows, stride 12 (as published) instead of whole sequences"),
            OptionSpec.Integer("fine_tune_epochs", d.FineTuneEpochs, 1, 10000, "target training length of fine-tune, freeze-lstm and time-warp+fine-tune (Adam steps over whole sequences, or epochs over windows)", quick: 40),
            OptionSpec.Integer("scratch_epochs", d.ScratchEpochs, 1, 10000, "target training length from scratch (steps or epochs, as fine_tune_epochs)", quick: 80),
            OptionSpec.Number("target_learning_rate", d.TargetLearningRate, 1e-6, 1, "learning rate of fine-tuning and scratch training"),
            OptionSpec.Integer("grid_points", d.GridPoints, 1, 201, "grid points per axis of the time-warp search (25 as published)", quick: 9),
            OptionSpec.Number("grid_range", d.GridRange, 0, 20, "half-width of the time-warp grid, [-range, range]^2"),
            OptionSpec.Integer("warp_iterations", d.WarpIterations, 0, 10000, "Adam iterations of time-warp-gradient", quick: 20),
            OptionSpec.Integer("figure_n", d.FigureN, 0, int.MaxValue, "n_target at which repeat 0 emits the time-series figure"),
            OptionSpec.Integer("adaptation_epochs", d.AdaptationEpochs, 1, 1000, "coral, importance-weighting: epochs of continued source training on the aligned or weighted source (source_windows_per_epoch windows each), once per repeat, before the fine-tune on the subset", quick: 2),
            SourceModelOption.Spec,
        ]);
    }

    /// <summary>Reads validated values (defaults and quick-mode defaults already applied by the declarations).</summary>
    public static FuelMoistureOptions From(ProblemOptions options, int targetClassHours)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FuelMoistureOptions
        {
            TargetClassHours = targetClassHours,
            DryingCoefficient = options.Number("drying_coefficient"),
            RainFactor = options.Number("rain_factor"),
            RainTimeConstantHours = options.Has("rain_time_constant_h") ? options.Number("rain_time_constant_h") : null,
            Csv = new FuelCsvOptions(
                options.Text("observation_time") == "error" ? ObservationTimePolicy.Error : ObservationTimePolicy.NearestHour,
                options.Text("rh_above_100") == "error" ? HumidityAbove100Policy.Error : HumidityAbove100Policy.Clip),
            SpinUpDays = options.Int("spin_up_days"),
            SourceStations = options.Int("source_stations"),
            ValidationStations = options.Int("validation_stations"),
            SourceDays = options.Int("source_days"),
            TargetStations = options.Int("target_stations"),
            TestStations = options.Int("test_stations"),
            ObservationDays = options.Int("observation_days"),
            LeadInDays = options.Int("lead_in_days"),
            SensorNoise = options.Number("sensor_noise"),
            WeighingNoise = options.Number("weighing_noise"),
            WeighingRelativeNoise = options.Number("weighing_relative_noise"),
            Hidden = options.Int("hidden"),
            ChronoMaxHours = options.Number("chrono_max_hours"),
            SourceEpochs = options.Int("source_epochs"),
            SourceWindowsPerEpoch = options.Int("source_windows_per_epoch"),
            FineTuneWindows = options.Bool("fine_tune_windows"),
            FineTuneEpochs = options.Int("fine_tune_epochs"),
            ScratchEpochs = options.Int("scratch_epochs"),
            TargetLearningRate = options.Number("target_learning_rate"),
            GridPoints = options.Int("grid_points"),
            GridRange = options.Number("grid_range"),
            WarpIterations = options.Int("warp_iterations"),
            FigureN = options.Int("figure_n"),
            AdaptationEpochs = options.Int("adaptation_epochs"),
        };
    }
}
