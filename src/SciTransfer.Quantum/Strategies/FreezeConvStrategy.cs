using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// freeze-conv: start from the source parameters, keep the feature extractor fixed (QCNN conv blocks, the MLP's
/// hidden layer) and retrain the rest (pooling, the output layer) on the target subset.
/// </summary>
internal sealed class FreezeConvStrategy : Strategy<IFlatParameterInstance>
{
    /// <summary>Name in configs and results.</summary>
    public const string StrategyName = "freeze-conv";

    public override string Name => StrategyName;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "source parameters; conv blocks (MLP: hidden layer) fixed, pooling (MLP: output layer) retrained on the target subset";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell) =>
        instance.Score(instance.Train(instance.Source, cell.TargetIndices.Span, instance.FeatureParameters, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
}
