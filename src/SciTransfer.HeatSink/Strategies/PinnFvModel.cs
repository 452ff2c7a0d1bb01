using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>
/// The finite-volume model: the reference solver's field of the configured sodium case (geometry, solid and the
/// correlation Biot number, or sodium_biot), with no sensor and no network. Offered only on measured data, where it
/// is the engineer's physics-only prediction that a PINN with sensors has to beat.
/// </summary>
internal sealed class PinnFvModel : Strategy<WaterToSodiumInstance>
{
    /// <inheritdoc/>
    public override string Name => SensorDataSet.FvModelStrategy;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.None;

    /// <inheritdoc/>
    public override string Description => "the finite-volume solution of the configured sodium case (correlation Biot number), no sensors (n is ignored)";

    /// <inheritdoc/>
    public override bool IsBaseline => true;

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.RunModel(cell);
    }
}
