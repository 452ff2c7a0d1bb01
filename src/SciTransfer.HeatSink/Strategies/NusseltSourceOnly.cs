using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt source-only: the water network, unchanged (n is ignored).</summary>
internal sealed class NusseltSourceOnly : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => StrategyNames.SourceOnly;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source;

    /// <inheritdoc/>
    public override string Description => "the water network applied to the sodium test designs";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.Score(rows => NusseltTrainer.Predict(instance.Source, rows));
}
