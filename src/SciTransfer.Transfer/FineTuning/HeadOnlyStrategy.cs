using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// head-only (freeze-k-layers with k = all but <see cref="TrainedLayers"/>): the source network's leading linear layers
/// are frozen as a feature extractor and only the last <see cref="TrainedLayers"/> (default 1, the head) are
/// fine-tuned (Yosinski et al. 2014, "How transferable are features in deep neural networks?").
/// </summary>
public sealed class HeadOnlyStrategy : Strategy<IEngineNetworkInstance>
{
    /// <summary>How many linear layers at the output end are trained.</summary>
    public int TrainedLayers { get; init; } = 1;

    /// <inheritdoc />
    public override string Name => TrainedLayers == 1 ? FineTuningNames.HeadOnly : $"train-last-{TrainedLayers}";

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => TrainedLayers == 1
        ? "fine-tune the source network's last linear layer only (the rest frozen)"
        : $"fine-tune the source network's last {TrainedLayers} linear layers only (the rest frozen)";

    /// <inheritdoc />
    public override CellResult Run(IEngineNetworkInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var model = instance.CloneSource();
        foreach (var p in model.Parameters)
        {
            p.Frozen = true;
        }

        var layers = instance.LinearLayers(model);
        for (int l = Math.Max(0, layers.Count - TrainedLayers); l < layers.Count; l++)
        {
            layers[l].Weight.Frozen = false;
            layers[l].Bias?.Frozen = false;
        }

        instance.Train(model, cell.TargetIndices.Span, TrainingHooks.None, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken);
        return instance.Score(model);
    }
}
