namespace SciTransfer.FuelMoisture.Problems;

/// <summary>Strategy names of the fuel-moisture problems.</summary>
public static class FuelMoistureStrategies
{
    /// <summary>The time-lag model itself, run from the start of the available weather.</summary>
    public const string Physics = "physics";

    /// <summary>The 10-h source LSTM unchanged.</summary>
    public const string SourceOnly = "source-only";

    /// <summary>The same network trained on the target observations only (chrono initialisation).</summary>
    public const string Scratch = "scratch";

    /// <summary>Every weight of the source network fine-tuned on the target observations.</summary>
    public const string FineTune = "fine-tune";

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

    /// <summary>Every strategy, in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Physics, SourceOnly, Scratch, FineTune, FreezeLstm, TimeWarp, TimeWarpGradient, TimeWarpFineTune, ChronoWarp];

    /// <summary>Strategies that adapt the source model (the figure's candidates for "best transfer").</summary>
    public static IReadOnlyList<string> Transfers { get; } =
        [FineTune, FreezeLstm, TimeWarp, TimeWarpGradient, TimeWarpFineTune, ChronoWarp];
}
