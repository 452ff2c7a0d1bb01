using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>
/// The fuel-moisture strategies: the domain's own names (the shared ones, scratch, source-only and fine-tune, are
/// in <see cref="StrategyNames"/>) and every strategy in report order.
/// </summary>
public static class FuelMoistureStrategies
{
    /// <summary>The time-lag model itself, run from the start of the available weather (a baseline).</summary>
    public const string Physics = "physics";

    /// <summary>The source LSTM frozen, the dense head trained on the target observations.</summary>
    public const string FreezeLstm = "freeze-lstm";

    /// <summary>The published transfer: two gate-bias shifts chosen on a grid.</summary>
    public const string TimeWarp = "time-warp";

    /// <summary>The two shifts fitted by gradient descent.</summary>
    public const string TimeWarpGradient = "time-warp-gradient";

    /// <summary>Grid time warp followed by full fine-tuning.</summary>
    public const string TimeWarpFineTune = "time-warp+fine-tune";

    /// <summary>Shifts (+ln a, -ln a) from the time-constant ratio a, no target data.</summary>
    public const string ChronoWarp = "chrono-warp";

    /// <summary>The mean of the target observations (a baseline).</summary>
    public const string TrainMean = "train-mean";

    /// <summary>Model selection on the pool by a time-ordered hold-out.</summary>
    public const string Auto = "auto";

    /// <summary>
    /// Every strategy, in report order: the domain's own, then the generic ones the instance's capability interfaces
    /// make available (regularised and parameter-efficient fine-tuning, input- and feature-level domain adaptation).
    /// </summary>
    public static IReadOnlyList<IStrategy> All { get; } =
    [
        new PhysicsStrategy(), new TrainMeanStrategy(), new SourceOnlyStrategy(), new ScratchStrategy(), new FineTuneStrategy(), new FreezeLstmStrategy(),
        new TimeWarpStrategy(), new TimeWarpGradientStrategy(), new TimeWarpFineTuneStrategy(), new ChronoWarpStrategy(), new AutoStrategy(),
        new L2SpStrategy(), new BitFitStrategy(), new HeadOnlyStrategy(), new HeadOnlyStrategy { TrainedLayers = 2 }, new LoraStrategy(),
        new CoralStrategy(), new ImportanceWeightingStrategy(), new DeepCoralStrategy(), new MmdStrategy(), new DannStrategy(),
    ];
}
