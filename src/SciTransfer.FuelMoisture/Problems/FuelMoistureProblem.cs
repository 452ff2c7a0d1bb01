using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Strategies;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>fuel-moisture/10h-to-{k}h: the 10-h source LSTM transferred to another dead-fuel class.</summary>
public sealed class FuelMoistureProblem : ITransferProblem
{
    /// <summary>Configured problem for target class <see cref="FuelMoistureOptions.TargetClassHours"/> on generated data.</summary>
    public FuelMoistureProblem(FuelMoistureOptions options)
        : this(options, null)
    {
    }

    /// <summary>Configured problem on a user's files (<paramref name="realData"/>), or on generated data when null.</summary>
    internal FuelMoistureProblem(FuelMoistureOptions options, FuelMoistureRealData? realData)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        RealData = realData;
        string cls = FuelClass.Name(options.TargetClassHours);
        Name = NameFor(options.TargetClassHours);
        Description = realData is null
            ? $"10-h fuel moisture LSTM (hourly sensors at {options.SourceStations} source stations) -> {cls} fuels from twice-daily weighings; RMSE on held-out stations"
            : $"10-h fuel moisture LSTM -> {cls} fuels on the files of the data block ({Path.GetFileName(realData.TargetFileName)}); {Setting(realData)}";
        Metrics = FuelMoistureMetrics.For(options.TargetClassHours);
        MaxTargetSize = realData is null ? options.TargetStations * options.ObservationDays * WeighingsPerDay : realData.FixedPoolSize;
    }

    /// <summary>Twice-daily weighings (08 and 14 local solar time) form the generated pool.</summary>
    private const int WeighingsPerDay = 2;

    /// <summary>The resolved options.</summary>
    public FuelMoistureOptions Options { get; }

    /// <summary>The user's data (the entry's data block), or null for generated data.</summary>
    internal FuelMoistureRealData? RealData { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string ScarcityAxis => "target observations";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; }

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => strategy is "physics" or "train-mean" ? CostClass.Cheap : CostClass.Heavy; // LSTM training vs the physics model or a mean

    /// <inheritdoc />
    public bool CachesSource => true;

    /// <inheritdoc />
    public IReadOnlyList<IStrategy> Strategies => FuelMoistureStrategies.All;

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [4, 8, 16, 32, 64, 128];

    /// <summary>
    /// Generated data: target stations x observation days x 2 weighings. A user's data: the pool observations inside
    /// the target window when the split is fixed (named stations, time ranges); null when a split drawn per repeat
    /// makes the pool vary.
    /// </summary>
    public int? MaxTargetSize { get; }

    /// <summary>"fuel-moisture/10h-to-{k}h", or "fuel-moisture/10h" for the source class itself.</summary>
    public static string NameFor(int targetClassHours) =>
        targetClassHours == 10 ? "fuel-moisture/10h" : $"fuel-moisture/10h-to-{FuelClass.Name(targetClassHours)}";

    /// <summary>The study's training device ("cpu", "gpu", "ilgpu-cpu"; <see cref="Core.Gpu.EngineDevices"/>).</summary>
    internal string Device { get; init; } = Core.Gpu.EngineDevices.Cpu;

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => [.. RealData?.Warnings ?? [], .. DeviceWarnings(Device)];

    // What a device run does with this problem (run.json "warnings" and the report): which trainings run on the device.
    private static IReadOnlyList<string> DeviceWarnings(string device) => Core.Gpu.EngineDevices.IsAccelerated(device)
        ? [$"device '{device}': the source pre-training and the target trainings without a hook (scratch, fine-tune, freeze-lstm, time-warp+fine-tune, auto's fine-tune, the target fine-tune of coral and importance-weighting) run on the device; the generic strategies' trainings with a hook (l2-sp, bitfit, head-only, train-last-2, lora, deep-coral, mmd, dann), the continued source training of coral and importance-weighting, the time-warp grid and gradient searches and all predictions run on the CPU (docs/fuel-moisture.md, \"Device\")"]
        : [];

    /// <summary>How the data are split, in words for the report: periods of one station's record, or stations.</summary>
    private static string Setting(FuelMoistureRealData data)
    {
        if (data.Time is { } t)
        {
            string validation = t.Validation is { } v ? $", early stopping on {v}" : "";
            return $"trained on {t.Pool}{validation}, RMSE on the later period {t.Test} (time split)";
        }

        return "RMSE on the test stations' observations (split by station)";
    }

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = RealData is null
            ? FuelMoistureScenario.Generate(Options, context.Seeds.Child("data"))
            : FuelMoistureScenario.FromData(Options, RealData, context.Seeds.Child("data"));
        return new FuelMoistureInstance(scenario, context.Repeat, Name, context.Seeds.Child("adaptation"))
        {
            Device = Core.Gpu.EngineDevices.IsAccelerated(Device) ? Core.Gpu.EngineDevices.Acquire(Device) : null,
        };
    }
}
