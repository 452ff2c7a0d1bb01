using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// bitfit (Ben Zaken, Ravfogel &amp; Goldberg 2022, "BitFit: simple parameter-efficient fine-tuning"): fine-tune the
/// source network's biases only, every weight matrix frozen. The fuel-moisture time warp (two shifts added to all
/// input- and forget-gate biases) is its two-scalar special case.
/// </summary>
public sealed class BitFitStrategy : Strategy<IEngineNetworkInstance>
{
    /// <inheritdoc />
    public override string Name => FineTuningNames.BitFit;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "fine-tune the source network's biases only (weights frozen)";

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

        foreach (var bias in instance.Biases(model))
        {
            bias.Frozen = false;
        }

        instance.Train(model, cell.TargetIndices.Span, TrainingHooks.None, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken);
        return instance.Score(model);
    }
}
