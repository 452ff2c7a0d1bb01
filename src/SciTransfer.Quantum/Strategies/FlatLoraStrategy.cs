using SciTransfer.Quantum.Models;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// lora on a flat parameter vector (Hu et al. 2021): the source MLP's weight matrices W_l become W_l + (alpha/r) A_l B_l
/// (<see cref="FlatLora"/>, A Gaussian, B zero at start), biases and W fixed, only A and B trained on the target subset
/// with the target settings. r = 2 (capped at min(in, out)), alpha = 4, as the engine networks' lora. Offered for the
/// classical MLP only: the QCNN has no weight matrices.
/// </summary>
internal sealed class FlatLoraStrategy : Strategy<IFlatParameterInstance>
{
    /// <summary>Rank r.</summary>
    public int Rank { get; init; } = 2;

    /// <summary>alpha; each update is scaled by alpha / r.</summary>
    public double Alpha { get; init; } = 4;

    public override string Name => FineTuningNames.Lora;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => $"source MLP with low-rank adapters W + (alpha/r) A B on both weight matrices (r = {Rank}, alpha = {Alpha}), weights and biases fixed";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var blocks = instance.WeightMatrices ?? throw new InvalidOperationException("lora: this model has no weight matrices (offered for the classical MLP only)");
        var lora = new FlatLora(blocks, Rank, Alpha);
        return instance.Score(instance.TrainLora(instance.Source, cell.TargetIndices.Span, lora, cell.Seeds.Child("lora-init").CreateRng(), cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
    }
}
