using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// bitfit on a flat parameter vector (Ben Zaken, Ravfogel &amp; Goldberg 2022): the source parameters with every
/// weight fixed and only the biases (<see cref="IFlatParameterInstance.BiasParameters"/>) retrained. Offered for the
/// classical MLP only: the QCNN's parameters are gate angles, none a bias.
/// </summary>
internal sealed class FlatBitFitStrategy : Strategy<IFlatParameterInstance>
{
    public override string Name => FineTuningNames.BitFit;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "source MLP with its weights fixed, biases retrained on the target subset";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var biases = instance.BiasParameters ?? throw new InvalidOperationException("bitfit: this model has no bias parameters (offered for the classical MLP only)");
        bool[] frozen = [.. biases.Select(b => !b)];
        return instance.Score(instance.Train(instance.Source, cell.TargetIndices.Span, frozen, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
    }
}
