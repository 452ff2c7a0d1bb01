using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// l2-sp on a flat parameter vector (Li, Grandvalet &amp; Davoine 2018): fine-tune every parameter from the source with
/// alpha/2 ||theta - theta_source||^2 added to the loss (gradient alpha (theta - theta_source) each Adam step, in
/// <see cref="Models.BinaryTrainer"/>). The same method as the engine networks' <see cref="L2SpStrategy"/>, for the
/// models that are not engine modules (QCNN gate angles, the classical MLP's flat vector). alpha is chosen from
/// <see cref="Grid"/> by <see cref="StrengthSelection"/> on the subset (held-out quarter, cross-entropy), fixed at
/// <see cref="DefaultAlpha"/> below its minimum n.
/// </summary>
internal sealed class FlatL2SpStrategy : Strategy<IFlatParameterInstance>
{
    /// <summary>Candidate strengths (three: each is a full training).</summary>
    public IReadOnlyList<double> Grid { get; init; } = [1e-3, 1e-2, 1e-1];

    /// <summary>Strength below <see cref="StrengthSelection.MinimumN"/>.</summary>
    public double DefaultAlpha { get; init; } = 1e-2;

    public override string Name => FineTuningNames.L2Sp;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "source parameters fine-tuned with alpha/2 ||theta - theta_source||^2 added, alpha chosen on a held-out quarter of the subset";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        int[] subset = cell.TargetIndices.ToArray();
        double[] Fit(double alpha, int[] rows) => instance.TrainAnchored(instance.Source, rows, alpha, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken);
        double alpha = StrengthSelection.Choose(subset, Grid, DefaultAlpha, (a, train, held) => instance.Loss(Fit(a, train), held));
        return instance.Score(Fit(alpha, subset));
    }
}
