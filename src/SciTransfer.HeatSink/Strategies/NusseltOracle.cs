using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt oracle: a fresh network on the whole sodium pool with the prior.</summary>
internal sealed class NusseltOracle : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => StrategyNames.Oracle;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.WholePool;

    /// <inheritdoc/>
    public override string Description => "a fresh network on the whole sodium pool, data + sodium prior (upper bound; ignores n)";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.TrainFresh(cell, instance.Pool, usePrior: true);
}
