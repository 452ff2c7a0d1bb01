using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// head-only on the classical MLP (Yosinski et al. 2014): the hidden layer (<see cref="IFlatParameterInstance.FeatureParameters"/>)
/// fixed, the output layer retrained. On a one-hidden-layer MLP this is the same training as freeze-conv (only the
/// cell's seed stream differs, which is keyed by the strategy name); it is offered under the generic name so studies
/// can compare head-only across domains. Not offered for the QCNN, whose "head" (the pooling blocks) freeze-conv covers.
/// </summary>
internal sealed class FlatHeadOnlyStrategy : Strategy<IFlatParameterInstance>
{
    public override string Name => FineTuningNames.HeadOnly;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "source MLP with its hidden layer fixed, output layer retrained on the target subset (as freeze-conv)";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        return instance.Score(instance.Train(instance.Source, cell.TargetIndices.Span, instance.FeatureParameters, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
    }
}
