using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// coral: re-train the problem's model on the source inputs aligned to the target pool's inputs by <see cref="Coral"/>
/// (Sun, Feng &amp; Saenko 2016), with the source labels, plus the labelled target subset when n &gt; 0. The
/// regulariser is relative, lambda = <see cref="RelativeLambda"/> x the mean input variance of source and target,
/// so it does not depend on the units of the inputs.
/// </summary>
public sealed class CoralStrategy : Strategy<IInputAdaptationInstance>
{
    /// <summary>lambda of C = cov + lambda I, as a fraction of the mean diagonal of the two covariances.</summary>
    public double RelativeLambda { get; init; } = 1e-3;

    /// <inheritdoc />
    public override string Name => AdaptationNames.Coral;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "CORAL: source inputs whitened and re-coloured to the target pool's mean and covariance, model re-trained on them (+ the labelled subset)";

    /// <inheritdoc />
    public override CellResult Run(IInputAdaptationInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var aligned = Coral.AlignRelative(instance.SourceInputs, instance.TargetInputs, RelativeLambda);
        return instance.TrainOnSource(aligned, null, cell);
    }
}
