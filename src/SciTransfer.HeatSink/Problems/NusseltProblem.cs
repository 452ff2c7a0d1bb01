using SciTransfer.HeatSink.Strategies;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// "heat-sink/nusselt-water-to-sodium": the seed paper's model problem. A small network predicts the average Nu
/// from (Pe, D_h, aspect ratio, L, W, L/D); trained on water designs (data + Shah-London prior), adapted to n
/// sodium designs (data + Lyon prior, blended by learnable uncertainty weights). Designs are generated, or read
/// from the user's CFD table (the entry's data block).
/// </summary>
internal sealed class NusseltProblem : ITransferProblem
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "heat-sink/nusselt-water-to-sodium";

    /// <summary>Creates the problem from resolved settings.</summary>
    public NusseltProblem(NusseltSettings settings)
    {
        Settings = settings;
    }

    /// <summary>Resolved settings.</summary>
    public NusseltSettings Settings { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public string Description => Settings.Table is { } t
        ? $"Average-Nu network: water -> few sodium designs, data + {Settings.Prior} prior with learnable blending; data table: {t.Sodium.Count} sodium rows ({t.Geometries.Distinct().Count()} geometries), {t.WaterOrigin}"
        : Settings.Prior == "lyon"
            ? "Average-Nu network: water CFD designs -> few sodium designs, data + correlation prior with learnable blending"
            : $"Average-Nu network: water CFD designs -> few sodium designs, data + {Settings.Prior} prior with learnable blending";

    /// <inheritdoc/>
    public string ScarcityAxis => "sodium CFD designs";

    /// <inheritdoc/>
    public IReadOnlyList<MetricInfo> Metrics => NusseltMetrics.All;

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => strategy is "correlation" or "fitted-correlation" ? CostClass.Cheap : CostClass.Moderate; // small network vs a closed-form or least-squares correlation

    /// <inheritdoc />
    public bool CachesSource => true;

    /// <inheritdoc/>
    public IReadOnlyList<IStrategy> Strategies { get; } =
    [
        new NusseltSourceOnly(),
        new NusseltScratch(),
        new NusseltFineTune(),
        new NusseltFineTuneFixed(),
        new NusseltFineTuneNoPrior(),
        new NusseltDataOnly(),
        new NusseltCorrelation(),
        new NusseltFittedCorrelation(),
        new NusseltOracle(),
        new L2SpStrategy(),
        new BitFitStrategy(),
        new HeadOnlyStrategy(),
        new LoraStrategy(),
        new DeepCoralStrategy(),
        new MmdStrategy(),
        new DannStrategy(),
        new CoralStrategy(),
        new ImportanceWeightingStrategy(),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<int> DefaultSizes { get; } = [0, 2, 4, 8, 16, 32];

    /// <inheritdoc/>
    public int? MaxTargetSize => Settings.Table?.SmallestPool ?? Settings.PoolSize;

    /// <inheritdoc/>
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new NusseltInstance(Settings, context);
    }
}
